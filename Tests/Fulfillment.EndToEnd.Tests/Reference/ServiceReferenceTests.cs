using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Fulfillment.Testing.Processes;

namespace Fulfillment.EndToEnd.Tests.Reference;

/// <summary>
/// What every service serves besides its API, asked over HTTP of the running processes: its OpenAPI document (every
/// endpoint with a summary and its problem-details answers), Scalar's reference page built from it, and the readiness
/// report with each check's status and duration.
/// </summary>
[TestFixture]
public sealed partial class ServiceReferenceTests : EndToEndTest
{
    private static readonly Dictionary<string, DocumentedEndpoint[]> Endpoints = new(StringComparer.Ordinal)
    {
        [ServiceSpec.QueryApi.Name] =
        [
            new("GET", "/api/orders/{orderId}", 404),
            new("GET", "/api/orders", 400),
            new("GET", "/api/sagas/{orderId}", 404),
            new("GET", "/api/admin/dlq", 400, 401),
            new("GET", "/api/admin/dlq/{id}", 401, 404),
            new("POST", "/api/admin/dlq/{id}/replay", 401, 404, 409, 503),
        ],
        [ServiceSpec.OrderService.Name] =
        [
            new("POST", "/api/orders", 400, 401, 403, 413, 415, 422, 429),
            new("GET", "/api/orders/{orderId}", 400, 401, 403, 404),
            new("POST", "/api/orders/{orderId}/cancel", 400, 401, 403, 404, 409, 413, 415, 429),
        ],
        [ServiceSpec.PaymentService.Name] = [new("GET", "/api/payments/{orderId}", 404)],
        [ServiceSpec.InventoryService.Name] =
        [
            new("GET", "/api/stock"),
            new("GET", "/api/stock/{sku}", 404),
            new("GET", "/api/reservations/{orderId}", 404),
        ],
        [ServiceSpec.DeliveryService.Name] = [new("GET", "/api/deliveries/{orderId}", 404)],
        [ServiceSpec.InvoiceService.Name] =
        [
            new("GET", "/api/invoices", 400),
            new("GET", "/api/invoices/{invoiceNumber}", 400, 404),
        ],
        [ServiceSpec.NotificationService.Name] = [new("GET", "/api/notifications", 400)],
    };

    private static IEnumerable<ServiceSpec> Services => ServiceSpec.All;

    [TestCaseSource(nameof(Services))]
    public async Task The_OpenAPI_document_describes_every_endpoint_with_its_problem_responses(ServiceSpec service)
    {
        using var document = JsonDocument.Parse(await Platform.Client(service).GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative)));
        var operations = Operations(document.RootElement).ToDictionary(o => $"{o.Method} {o.Path}", o => o.Operation, StringComparer.Ordinal);

        Assert.That(document.RootElement.GetProperty("info").GetProperty("title").GetString(), Is.EqualTo(service.Name));
        Assert.That(operations.Keys, Is.EquivalentTo(Endpoints[service.Name].Select(e => e.ToString())), "the document lists exactly the service's endpoints");
        Assert.Multiple(() =>
        {
            foreach (var endpoint in Endpoints[service.Name])
            {
                var operation = operations[endpoint.ToString()];
                Assert.That(operation.TryGetProperty("summary", out var summary) ? summary.GetString() : null, Is.Not.Null.And.Not.Empty, $"{endpoint}: summary");
                Assert.That(operation.TryGetProperty("description", out var description) ? description.GetString() : null, Is.Not.Null.And.Not.Empty, $"{endpoint}: description");
                var responses = operation.GetProperty("responses");
                foreach (var status in endpoint.Problems)
                {
                    var problem = responses.TryGetProperty(status.ToString(System.Globalization.CultureInfo.InvariantCulture), out var response)
                        && response.TryGetProperty("content", out var content)
                        && content.TryGetProperty("application/problem+json", out _);
                    Assert.That(problem, Is.True, $"{endpoint}: {status} as application/problem+json");
                }
            }
        });
    }

    [Test]
    public async Task The_order_placement_documents_its_body_with_an_example_and_its_headers()
    {
        using var document = JsonDocument.Parse(await Platform.Client(ServiceSpec.OrderService).GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative)));
        var placement = document.RootElement.GetProperty("paths").GetProperty("/api/orders").GetProperty("post");
        var example = placement.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("example");
        var headers = placement.GetProperty("parameters").EnumerateArray()
            .Where(p => p.GetProperty("in").GetString() == "header").Select(p => p.GetProperty("name").GetString()).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(example.GetProperty("customerId").GetString(), Is.Not.Empty);
            Assert.That(example.GetProperty("items").GetArrayLength(), Is.GreaterThan(0));
            Assert.That(example.TryGetProperty("total", out _), Is.False, "the total is computed, not sent");
            Assert.That(headers, Is.SupersetOf(new[] { "Idempotency-Key", "X-Correlation-Id" }));
        });
    }

    [TestCaseSource(nameof(Services))]
    public async Task Scalar_serves_the_reference_page_without_anything_from_outside(ServiceSpec service)
    {
        var client = Platform.Client(service);
        using var response = await client.GetAsync(new Uri("/scalar", UriKind.Relative));
        var page = await response.Content.ReadAsStringAsync();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/html"));
        Assert.That(ExternalUrl().Matches(page).Select(m => m.Value), Is.Empty, "no script, style or font from a CDN");

        // The page's script, from the package.
        var script = ScriptSource().Match(page).Groups["src"].Value;
        using var scriptResponse = await client.GetAsync(new Uri(new Uri(client.BaseAddress!, "/scalar/"), script));
        Assert.That(scriptResponse.StatusCode, Is.EqualTo(HttpStatusCode.OK), $"script '{script}'");
    }

    [TestCaseSource(nameof(Services))]
    public async Task Readiness_reports_each_check_with_its_status_and_duration(ServiceSpec service)
    {
        using var response = await Platform.Client(service).GetAsync(new Uri("/health/ready", UriKind.Relative));
        using var report = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = report.RootElement;
        var entries = root.GetProperty("entries");

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(root.GetProperty("status").GetString(), Is.EqualTo("Healthy"));
            Assert.That(TimeSpan.TryParse(root.GetProperty("totalDuration").GetString(), System.Globalization.CultureInfo.InvariantCulture, out _), Is.True, "totalDuration");
            Assert.That(entries.EnumerateObject().Select(e => e.Name), Is.EquivalentTo(new[] { "database", "kafka" }));
            foreach (var entry in entries.EnumerateObject())
            {
                Assert.That(entry.Value.GetProperty("status").GetString(), Is.EqualTo("Healthy"), entry.Name);
                Assert.That(TimeSpan.TryParse(entry.Value.GetProperty("duration").GetString(), System.Globalization.CultureInfo.InvariantCulture, out _), Is.True, $"{entry.Name}: duration");
            }
        });
    }

    private static IEnumerable<(string Method, string Path, JsonElement Operation)> Operations(JsonElement document) =>
        document.GetProperty("paths").EnumerateObject().SelectMany(path => path.Value.EnumerateObject()
            .Select(operation => (operation.Name.ToUpperInvariant(), path.Name.TrimEnd('/'), operation.Value)));

    [GeneratedRegex(@"(?:src|href)\s*=\s*[""']?\s*(?:https?:)?//|url\(\s*[""']?(?:https?:)?//|@import\s+[""']?(?:https?:)?//", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalUrl();

    [GeneratedRegex(@"<script[^>]*\ssrc=""(?<src>[^""]+)""", RegexOptions.IgnoreCase)]
    private static partial Regex ScriptSource();
}
