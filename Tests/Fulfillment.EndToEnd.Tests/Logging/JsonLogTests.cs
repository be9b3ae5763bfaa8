using System.Text.Json;
using Fulfillment.Testing;
using Fulfillment.Testing.Processes;

namespace Fulfillment.EndToEnd.Tests.Logging;

/// <summary>
/// The services run with <c>Logging:Format=json</c>, as in compose and Kubernetes: each line of their output is one
/// compact JSON object, and the lines of one order (the request that placed it, the record another service handled)
/// carry its trace, order and correlation ids, so one query finds them across services.
/// </summary>
[TestFixture]
public sealed class JsonLogTests : EndToEndTest
{
    [Test]
    public async Task The_request_line_and_a_consumers_line_carry_the_orders_trace_and_ids_as_compact_json()
    {
        var traceId = Guid.NewGuid().ToString("N");
        var correlationId = "logged-" + Guid.NewGuid().ToString("N");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/orders")
        {
            Content = PlatformApi.JsonBody(OrderBodies.Order(OrderBodies.UniqueCustomer("logged"), "SKU-001", quantity: 1, unitPrice: 5m)),
        };
        request.Headers.Add("traceparent", $"00-{traceId}-00f067aa0ba902b7-01");
        request.Headers.Add(PlatformApi.CorrelationIdHeader, correlationId);
        using var response = await Platform.Client(ServiceSpec.OrderService).SendAsync(request);
        var orderId = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("orderId").GetString()!;

        var requestLine = await Eventually.ReturnsAsync(
            () => Task.FromResult(Lines(ServiceSpec.OrderService).FirstOrDefault(l =>
                Text(l, "RequestMethod") == "POST" && Text(l, "RequestPath") == "/api/orders" && Text(l, "traceId") == traceId)),
            line => line.ValueKind == JsonValueKind.Object, what: "order-service's request log line", timeout: PlatformApi.Patience);
        var consumerLine = await Eventually.ReturnsAsync(
            () => Task.FromResult(Lines(ServiceSpec.InventoryService).FirstOrDefault(l =>
                Text(l, "orderId") == orderId && Text(l, "@m")?.Contains("reserved", StringComparison.Ordinal) == true)),
            line => line.ValueKind == JsonValueKind.Object, what: "inventory-service's reservation line", timeout: PlatformApi.Patience);

        Assert.Multiple(() =>
        {
            Assert.That(requestLine.GetProperty("StatusCode").GetInt32(), Is.EqualTo(202));
            Assert.That(Text(requestLine, "@tr"), Is.EqualTo(traceId), "the span context of the compact format");
            Assert.That(Text(requestLine, "spanId"), Is.Not.Null.And.EqualTo(Text(requestLine, "@sp")));
            Assert.That(Text(requestLine, "correlationId"), Is.EqualTo(correlationId));
            Assert.That(Text(requestLine, "service"), Is.EqualTo(ServiceSpec.OrderService.Name));

            Assert.That(Text(consumerLine, "traceId"), Is.EqualTo(traceId), "the same trace, one hop later");
            Assert.That(Text(consumerLine, "correlationId"), Is.EqualTo(correlationId));
            Assert.That(Text(consumerLine, "eventId"), Is.Not.Null.And.Not.Empty);
            Assert.That(Text(consumerLine, "eventType"), Is.EqualTo("order.created"));
            Assert.That(Text(consumerLine, "service"), Is.EqualTo(ServiceSpec.InventoryService.Name));
        });
    }

    [TestCaseSource(typeof(ServiceSpec), nameof(ServiceSpec.All))]
    public void Every_line_a_service_wrote_is_one_json_object(ServiceSpec service)
    {
        var lines = RawLines(service);

        Assert.That(lines, Is.Not.Empty);
        Assert.That(lines.Where(line => !IsJsonObject(line)), Is.Empty);
    }

    private static IEnumerable<JsonElement> Lines(ServiceSpec service) =>
        RawLines(service).Where(IsJsonObject).Select(line => JsonDocument.Parse(line).RootElement);

    /// <summary>The service's output, less the test kit's banners between process generations.</summary>
    private static List<string> RawLines(ServiceSpec service)
    {
        var path = Platform.Services.Single(s => s.Name == service.Name).Log.Path;
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        var lines = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && !line.StartsWith("=====", StringComparison.Ordinal))
            {
                lines.Add(line);
            }
        }

        return lines;
    }

    private static bool IsJsonObject(string line)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("@t", out _);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string? Text(JsonElement line, string property) =>
        line.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
