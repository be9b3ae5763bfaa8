using System.Net;
using System.Text.Json;
using Fulfillment.Messages;
using Fulfillment.OrderService.Idempotency;
using Fulfillment.OrderService.Orders;
using Fulfillment.OrderService.Tests.Support;
using NUnit.Framework;

namespace Fulfillment.OrderService.Tests.Idempotency;

/// <summary>
/// Idempotency-Key: a replay (same key, same request) answers 200 with the original order and writes nothing; the same
/// key with another request is a 422 and writes nothing; concurrent duplicates create exactly one order.
/// </summary>
[TestFixture]
public sealed class IdempotencyTests : OrderServiceTest
{
    [Test]
    public async Task The_same_key_and_body_returns_the_original_order_and_writes_nothing_more()
    {
        var key = NewKey();
        var body = Bodies.ValidOrder("customer-replay").ToJsonString();

        using var first = await Client.SendAsync(Bodies.Post(Bodies.Json(body), key));
        var countsAfterFirst = await OrderDatabase.CountAllAsync(Factory.ConnectionString);
        using var second = await Client.SendAsync(Bodies.Post(Bodies.Json(body), key));

        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.OK), await second.Content.ReadAsStringAsync());
        Assert.That(await OrderIdAsync(second), Is.EqualTo(await OrderIdAsync(first)));
        Assert.That(second.Headers.Location, Is.EqualTo(first.Headers.Location));
        Assert.That(await OrderDatabase.CountAllAsync(Factory.ConnectionString), Is.EqualTo(countsAfterFirst));
        Assert.That(await OrdersOfAsync("customer-replay"), Is.EqualTo(1));
    }

    [Test]
    public async Task A_body_that_means_the_same_order_counts_as_the_same_request()
    {
        var key = NewKey();
        const string original = """{"customerId":"customer-canon","items":[{"sku":"S","quantity":2,"unitPrice":10.5}],"currency":"EUR","deliveryAddress":{"latitude":1.5,"longitude":2}}""";
        // Other field order, whitespace, trailing zeros and an unknown field: the same order.
        const string equivalent = """
            {
              "deliveryAddress": { "longitude": 2.0, "latitude": 1.50 },
              "currency": "EUR",
              "note": "ignored",
              "items": [ { "unitPrice": 10.500, "quantity": 2, "sku": "S" } ],
              "customerId": "customer-canon"
            }
            """;

        using var first = await Client.SendAsync(Bodies.Post(Bodies.Json(original), key));
        using var second = await Client.SendAsync(Bodies.Post(Bodies.Json(equivalent), key));

        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.OK), await second.Content.ReadAsStringAsync());
        Assert.That(await OrderIdAsync(second), Is.EqualTo(await OrderIdAsync(first)));
        Assert.That(await OrdersOfAsync("customer-canon"), Is.EqualTo(1));
    }

    [Test]
    public async Task The_same_key_with_a_different_body_is_a_422_and_writes_nothing()
    {
        var key = NewKey();
        var body = Bodies.ValidOrder("customer-conflict");
        using var first = await Client.SendAsync(Bodies.Post(Bodies.Json(body), key));
        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        var countsAfterFirst = await OrderDatabase.CountAllAsync(Factory.ConnectionString);

        body["items"]![0]!["quantity"] = 4;
        using var second = await Client.SendAsync(Bodies.Post(Bodies.Json(body), key));

        await Problem.AssertAsync(second, HttpStatusCode.UnprocessableEntity);
        Assert.That(await OrderDatabase.CountAllAsync(Factory.ConnectionString), Is.EqualTo(countsAfterFirst));
    }

    [Test]
    public async Task Without_a_key_the_same_body_creates_two_orders()
    {
        var body = Bodies.ValidOrder("customer-nokey").ToJsonString();

        using var first = await Client.SendAsync(Bodies.Post(Bodies.Json(body)));
        using var second = await Client.SendAsync(Bodies.Post(Bodies.Json(body)));

        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        Assert.That(await OrderIdAsync(second), Is.Not.EqualTo(await OrderIdAsync(first)));
        Assert.That(await OrdersOfAsync("customer-nokey"), Is.EqualTo(2));
    }

    [Test]
    public async Task Concurrent_requests_with_one_key_create_exactly_one_order()
    {
        const int parallel = 16;
        var key = NewKey();
        var body = Bodies.ValidOrder("customer-race").ToJsonString();
        using var start = new ManualResetEventSlim();

        var requests = Enumerable.Range(0, parallel).Select(_ => Task.Run(async () =>
        {
            start.Wait();
            using var response = await Client.SendAsync(Bodies.Post(Bodies.Json(body), key));
            return (response.StatusCode, OrderId: await OrderIdAsync(response));
        })).ToList();
        start.Set();
        var answers = await Task.WhenAll(requests);

        Assert.That(answers.Count(a => a.StatusCode == HttpStatusCode.Accepted), Is.EqualTo(1), string.Join(", ", answers));
        Assert.That(answers.Count(a => a.StatusCode == HttpStatusCode.OK), Is.EqualTo(parallel - 1), string.Join(", ", answers));
        Assert.That(answers.Select(a => a.OrderId).Distinct().Count(), Is.EqualTo(1));
        Assert.That(await OrdersOfAsync("customer-race"), Is.EqualTo(1));
        var orderId = answers[0].OrderId;
        Assert.That(await OrderDatabase.OutboxRowsAsync(Factory.ConnectionString, orderId), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Concurrent_requests_with_one_key_and_different_bodies_create_one_order_and_refuse_the_rest()
    {
        const int parallel = 10;
        var key = NewKey();
        using var start = new ManualResetEventSlim();

        var requests = Enumerable.Range(0, parallel).Select(i => Task.Run(async () =>
        {
            var body = Bodies.ValidOrder("customer-race-diff");
            body["items"]![0]!["quantity"] = i + 1;
            start.Wait();
            using var response = await Client.SendAsync(Bodies.Post(Bodies.Json(body), key));
            return response.StatusCode;
        })).ToList();
        start.Set();
        var statuses = await Task.WhenAll(requests);

        Assert.That(statuses.Count(s => s == HttpStatusCode.Accepted), Is.EqualTo(1), string.Join(", ", statuses));
        Assert.That(statuses.Count(s => s == HttpStatusCode.UnprocessableEntity), Is.EqualTo(parallel - 1), string.Join(", ", statuses));
        Assert.That(await OrdersOfAsync("customer-race-diff"), Is.EqualTo(1));
    }

    [Test]
    public async Task The_customer_email_is_part_of_the_request()
    {
        var key = NewKey();
        var body = Bodies.ValidOrder("customer-email-key");
        body["customerEmail"] = "jane@example.com";
        using var first = await Client.SendAsync(Bodies.Post(Bodies.Json(body), key));
        using var same = await Client.SendAsync(Bodies.Post(Bodies.Json(body), key));
        body["customerEmail"] = "joe@example.com";
        using var otherEmail = await Client.SendAsync(Bodies.Post(Bodies.Json(body), key));
        body.Remove("customerEmail");
        using var noEmail = await Client.SendAsync(Bodies.Post(Bodies.Json(body), key));

        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        Assert.That(same.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        await Problem.AssertAsync(otherEmail, HttpStatusCode.UnprocessableEntity);
        await Problem.AssertAsync(noEmail, HttpStatusCode.UnprocessableEntity);
        Assert.That(await OrdersOfAsync("customer-email-key"), Is.EqualTo(1));
    }

    [Test]
    public void A_request_without_an_email_hashes_as_before_the_field_existed()
    {
        // SHA-256 of the canonical form the hash had before customerEmail: keys stored then still replay.
        var command = new PlaceOrderCommand("customer-canon", [new OrderLine("S", 2, 10.50m)], "EUR", new GeoPoint(1.5, 2.0));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(RequestHash.Compute(command), Is.EqualTo("0f9d55412fd3b9c9ee12da01b5acc2d16880904a4a0122373a545d5d9ed772f8"));
            Assert.That(RequestHash.Compute(command with { CustomerEmail = "jane@example.com" }), Is.Not.EqualTo("0f9d55412fd3b9c9ee12da01b5acc2d16880904a4a0122373a545d5d9ed772f8"));
        }
    }

    private static string NewKey() => $"key-{Guid.NewGuid():N}";

    private Task<long> OrdersOfAsync(string customerId) =>
        OrderDatabase.ScalarAsync<long>(
            Factory.ConnectionString, "SELECT count(*) FROM orders WHERE customer_id = @c", ("c", customerId));

    private static async Task<string> OrderIdAsync(HttpResponseMessage response)
    {
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.GetProperty("orderId").GetString()!;
    }
}
