using System.Net;
using System.Text.Json;
using Fulfillment.OrderService.Tests.Support;
using NUnit.Framework;

namespace Fulfillment.OrderService.Tests.Placement;

/// <summary>
/// The first hop of an order's trace: the POST's W3C trace context reaches the order.created record's
/// <c>traceparent</c>, which every consumer continues (Tests/Fulfillment.Messaging.Tests TelemetryTests).
/// </summary>
[TestFixture]
public sealed class TracePropagationTests : OrderServiceTest
{
    private const string ClientTraceId = "4bf92f3577b34da6a3ce929d0e0e4736";

    [Test]
    public async Task The_order_created_event_continues_the_callers_trace()
    {
        using var request = Bodies.Post(Bodies.Json(Bodies.ValidOrder("customer-traced")));
        request.Headers.TryAddWithoutValidation("traceparent", $"00-{ClientTraceId}-00f067aa0ba902b7-01");
        using var response = await Client.SendAsync(request);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        var orderId = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("orderId").GetString()!;

        var traceParent = await OrderDatabase.ScalarAsync<string>(
            Factory.ConnectionString, "SELECT traceparent FROM outbox_messages WHERE message_key = @id", ("id", orderId));

        Assert.That(traceParent, Does.Match($"^00-{ClientTraceId}-[0-9a-f]{{16}}-01$"));
        Assert.That(traceParent, Does.Not.Contain("00f067aa0ba902b7"), "the request's own span is the parent, not the caller's");
    }

    [Test]
    public async Task Without_a_caller_trace_each_order_starts_its_own()
    {
        var traces = new List<string>();
        foreach (var customer in new[] { "customer-trace-a", "customer-trace-b" })
        {
            using var response = await Client.SendAsync(Bodies.Post(Bodies.Json(Bodies.ValidOrder(customer))));
            var orderId = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("orderId").GetString()!;
            traces.Add((await OrderDatabase.ScalarAsync<string>(
                Factory.ConnectionString, "SELECT traceparent FROM outbox_messages WHERE message_key = @id", ("id", orderId)))![3..35]);
        }

        Assert.That(traces, Is.Unique);
    }
}
