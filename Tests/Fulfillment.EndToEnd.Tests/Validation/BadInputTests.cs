using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Fulfillment.EndToEnd.Tests.Api;

namespace Fulfillment.EndToEnd.Tests.Validation;

/// <summary>
/// Every class of bad order request is refused with a problem document and places no order. All bad requests carry
/// (or start with) one customer id no other test uses; after them a valid sentinel order of another customer goes all
/// the way through the pipeline, and by then the read model would hold an order of that customer had one slipped in.
/// </summary>
[TestFixture]
public sealed class BadInputTests : EndToEndTest
{
    private static readonly string Customer = OrderBodies.UniqueCustomer("bad");
    private readonly Dictionary<string, (HttpStatusCode Status, string? MediaType, string Body)> _answers = [];

    public static IEnumerable<BadInput> Cases()
    {
        static JsonObject Body(string customer) => OrderBodies.Order(customer);
        static JsonObject Item(JsonObject body) => body["items"]![0]!.AsObject();
        static Func<string, Task<HttpResponseMessage>> Json(Action<JsonObject> mutate) => customer =>
        {
            var body = Body(customer);
            mutate(body);
            return Api.SendOrderAsync(PlatformApi.JsonBody(body));
        };

        yield return new("Missing_field", Json(b => b.Remove("currency")), HttpStatusCode.BadRequest, "currency");
        yield return new("Wrong_json_type", Json(b => Item(b)["quantity"] = "2"), HttpStatusCode.BadRequest, "items[0].quantity");
        yield return new("Quantity_zero", Json(b => Item(b)["quantity"] = 0), HttpStatusCode.BadRequest, "items[0].quantity");
        yield return new("Quantity_fraction", Json(b => Item(b)["quantity"] = 2.5), HttpStatusCode.BadRequest, "items[0].quantity");
        yield return new("Negative_price", Json(b => Item(b)["unitPrice"] = -1.00m), HttpStatusCode.BadRequest, "items[0].unitPrice");
        yield return new("Bad_currency", Json(b => b["currency"] = "EURO"), HttpStatusCode.BadRequest, "currency");
        yield return new("Unknown_currency", Json(b => b["currency"] = "XYZ"), HttpStatusCode.BadRequest, "currency");
        yield return new("No_items", Json(b => b["items"] = new JsonArray()), HttpStatusCode.BadRequest, "items");
        yield return new("Too_many_items", Json(b => b["items"] = new JsonArray([.. Enumerable.Range(0, 101).Select(i =>
            (JsonNode)new JsonObject { ["sku"] = "SKU-001", ["quantity"] = 1, ["unitPrice"] = 1.00m })])), HttpStatusCode.BadRequest, "items");
        yield return new("Latitude_91", Json(b => b["deliveryAddress"]!["latitude"] = 91), HttpStatusCode.BadRequest, "deliveryAddress.latitude");
        yield return new("CustomerId_too_long", Json(b => b["customerId"] = b["customerId"]!.GetValue<string>().PadRight(65, 'x')),
            HttpStatusCode.BadRequest, "customerId");
        yield return new("Malformed_json", customer => Api.SendOrderAsync(PlatformApi.JsonBody(Body(customer).ToJsonString()[..^3])),
            HttpStatusCode.BadRequest);
        yield return new("Oversized_body", Json(b => b["padding"] = new string('x', 64 * 1024)), HttpStatusCode.RequestEntityTooLarge);
        yield return new("Wrong_content_type", customer =>
        {
            var content = new StringContent(Body(customer).ToJsonString(), Encoding.UTF8);
            content.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
            return Api.SendOrderAsync(content);
        }, HttpStatusCode.UnsupportedMediaType);
        yield return new("Bad_correlation_id", customer => Api.SendOrderAsync(PlatformApi.JsonBody(Body(customer)), correlationId: "has space"),
            HttpStatusCode.BadRequest, "X-Correlation-Id");
        yield return new("Idempotency_key_too_long", customer => Api.SendOrderAsync(PlatformApi.JsonBody(Body(customer)), idempotencyKey: new string('k', 129)),
            HttpStatusCode.BadRequest, "Idempotency-Key");
    }

    /// <summary>All bad requests first, so the sentinel check covers every one of them whichever test runs.</summary>
    [OneTimeSetUp]
    public async Task SendBadRequestsAsync()
    {
        foreach (var input in Cases())
        {
            using var response = await input.Send(Customer);
            _answers[input.Name] = (response.StatusCode, response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsStringAsync());
        }
    }

    [TestCaseSource(nameof(Cases))]
    public void A_bad_request_is_a_4xx_problem(BadInput input)
    {
        var (status, mediaType, body) = _answers[input.Name];
        using (Assert.EnterMultipleScope())
        {
            Assert.That(status, Is.EqualTo(input.Status), body);
            Assert.That(mediaType, Is.EqualTo(Problems.MediaType), body);
        }

        using var problem = JsonDocument.Parse(body);
        var root = problem.RootElement;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(root.TryGetProperty("status", out var stated) ? stated.GetInt32() : 0, Is.EqualTo((int)input.Status), body);
            Assert.That(root.TryGetProperty("title", out var title) ? title.GetString() : null, Is.Not.Null.And.Not.Empty, body);
            if (input.Field is { } field)
            {
                var named = root.TryGetProperty("errors", out var errors) && errors.TryGetProperty(field, out _);
                Assert.That(named, Is.True, $"the problem's errors name {field}: {body}");
            }
        }
    }

    [Test]
    public async Task No_bad_request_places_an_order()
    {
        var sentinel = await Api.PlaceOrderAsync(OrderBodies.Order(OrderBodies.UniqueCustomer("sentinel"), "SKU-006"));
        await Api.WaitForOrderAsync(sentinel.OrderId, o => OrderStatuses.IsWithDriver(o.Status), "the sentinel order with a driver");

        var orders = await Api.ListOrdersOfAsync(c => c.StartsWith(Customer, StringComparison.Ordinal));

        Assert.That(orders, Is.Empty, $"orders of {Customer} in query-api");
    }
}
