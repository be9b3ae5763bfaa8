using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Fulfillment.Messages;
using Fulfillment.OrderService.Tests.Support;
using Fulfillment.Testing;
using NUnit.Framework;
using static Fulfillment.OrderService.Tests.Support.OrderRequests;

namespace Fulfillment.OrderService.Tests.Security;

/// <summary>
/// Authentication on (a signing key configured): the customer endpoints take real signed tokens through the whole
/// pipeline; the order's customer is the token's subject, and a customer reads and cancels only their own orders.
/// </summary>
[TestFixture]
public sealed class JwtAuthenticationTests : OrderServiceTest
{
    protected override IReadOnlyDictionary<string, string?> Settings => TestTokens.Settings;

    [Test]
    public async Task Without_a_token_every_customer_endpoint_is_401()
    {
        var orderId = await PlaceAsAsync("customer-anon");

        using var place = await Client.SendAsync(Bodies.Post(Bodies.Json(Bodies.ValidOrder("customer-anon"))));
        using var get = await Client.GetAsync($"/api/orders/{orderId}");
        using var cancel = await Client.SendAsync(Cancel(orderId));

        foreach (var response in new[] { place, get, cancel })
        {
            await Problem.AssertAsync(response, HttpStatusCode.Unauthorized);
            Assert.That(response.Headers.WwwAuthenticate.Select(h => h.Scheme), Does.Contain("Bearer"));
        }

        Assert.That(await CancelEventsAsync(orderId), Is.Zero);
    }

    [TestCase("other-key", TestName = "Token_signed_with_another_key_is_401")]
    [TestCase("other-audience", TestName = "Token_for_another_audience_is_401")]
    [TestCase("expired", TestName = "Expired_token_is_401")]
    public async Task A_token_the_service_cannot_trust_is_401(string flaw)
    {
        var token = flaw switch
        {
            "other-key" => TestTokens.For("customer-flawed", key: RandomNumberGenerator.GetBytes(32)),
            "other-audience" => TestTokens.For("customer-flawed", audience: "query-api"),
            _ => TestTokens.For("customer-flawed", expires: DateTime.UtcNow.AddHours(-1)),
        };

        using var response = await Client.SendAsync(Bodies.Post(Bodies.Json(Bodies.ValidOrder("customer-flawed"))).WithBearer(token));

        await Problem.AssertAsync(response, HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task The_orders_customer_is_the_tokens_subject_when_the_body_names_none()
    {
        var body = Bodies.ValidOrder();
        body.Remove("customerId");

        using var response = await Client.SendAsync(Bodies.Post(Bodies.Json(body)).WithBearer(TestTokens.For("customer-sub")));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), await response.Content.ReadAsStringAsync());
        var order = await ReadAsync(response);
        var orderId = order.GetProperty("orderId").GetString()!;
        var created = (EventEnvelope<OrderCreated>)(await OrderDatabase.OutboxRowsAsync(Factory.ConnectionString, orderId)).Single().Envelope;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(order.GetProperty("customerId").GetString(), Is.EqualTo("customer-sub"));
            Assert.That(created.Payload.CustomerId, Is.EqualTo("customer-sub"));
        }
    }

    [Test]
    public async Task A_body_naming_the_tokens_subject_is_accepted()
    {
        using var response = await Client.SendAsync(
            Bodies.Post(Bodies.Json(Bodies.ValidOrder("customer-same"))).WithBearer(TestTokens.For("customer-same")));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
    }

    [Test]
    public async Task A_body_naming_another_customer_is_a_403_problem_and_stores_nothing()
    {
        var before = await OrderDatabase.CountAsync(Factory.ConnectionString, "orders");

        using var response = await Client.SendAsync(
            Bodies.Post(Bodies.Json(Bodies.ValidOrder("customer-victim"))).WithBearer(TestTokens.For("customer-mallory")));

        await Problem.AssertAsync(response, HttpStatusCode.Forbidden);
        Assert.That(await OrderDatabase.CountAsync(Factory.ConnectionString, "orders"), Is.EqualTo(before));
    }

    [Test]
    public async Task A_customer_reads_and_cancels_their_own_order()
    {
        var orderId = await PlaceAsAsync("customer-owner");
        var token = TestTokens.For("customer-owner");

        using var get = await Client.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"/api/orders/{orderId}").WithBearer(token));
        using var cancel = await Client.SendAsync(Cancel(orderId).WithBearer(token));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(get.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That((await ReadAsync(get)).GetProperty("customerId").GetString(), Is.EqualTo("customer-owner"));
            Assert.That(cancel.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
            Assert.That(await CancelEventsAsync(orderId), Is.EqualTo(1));
        }
    }

    [Test]
    public async Task Another_customers_order_is_a_403_problem_to_read_or_cancel()
    {
        var orderId = await PlaceAsAsync("customer-alice");
        var bobs = TestTokens.For("customer-bob");

        using var get = await Client.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"/api/orders/{orderId}").WithBearer(bobs));
        using var cancel = await Client.SendAsync(Cancel(orderId, new JsonObject { ["reason"] = "not mine" }).WithBearer(bobs));

        await Problem.AssertAsync(get, HttpStatusCode.Forbidden);
        await Problem.AssertAsync(cancel, HttpStatusCode.Forbidden);
        Assert.That(await CancelEventsAsync(orderId), Is.Zero);
        Assert.That(
            await Sql.ScalarAsync(Factory.ConnectionString, "SELECT cancel_requested_at FROM orders WHERE order_id = @id", ("id", Guid.Parse(orderId))),
            Is.Null);
    }

    private async Task<string> PlaceAsAsync(string customerId)
    {
        using var response = await Client.SendAsync(
            Bodies.Post(Bodies.Json(Bodies.ValidOrder(customerId))).WithBearer(TestTokens.For(customerId)));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), await response.Content.ReadAsStringAsync());
        return (await ReadAsync(response)).GetProperty("orderId").GetString()!;
    }

    private async Task<int> CancelEventsAsync(string orderId) =>
        (await OrderDatabase.OutboxRowsAsync(Factory.ConnectionString, orderId)).Count(r => r.EventType == EventTypes.OrderCancelled);
}
