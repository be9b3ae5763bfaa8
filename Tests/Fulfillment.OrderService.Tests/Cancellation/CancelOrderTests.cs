using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Fulfillment.Messages;
using Fulfillment.OrderService.Persistence;
using Fulfillment.OrderService.Tests.Support;
using Fulfillment.Testing;
using NUnit.Framework;
using static Fulfillment.OrderService.Tests.Support.OrderRequests;

namespace Fulfillment.OrderService.Tests.Cancellation;

/// <summary>
/// POST /api/orders/{orderId}/cancel through the real pipeline: 202 with the request recorded and one order.cancelled
/// in the outbox, in one transaction; a repeat changes nothing; 409 once too late, 404 for no such order.
/// </summary>
[TestFixture]
public sealed class CancelOrderTests : OrderServiceTest
{
    [Test]
    public async Task A_pending_order_is_cancelled_with_one_order_cancelled_keyed_by_its_id()
    {
        var orderId = await PlaceAsync(Client, "customer-cancel");

        using var response = await Client.SendAsync(Cancel(orderId));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), await response.Content.ReadAsStringAsync());
        var order = await ReadAsync(response);
        var rows = await OrderDatabase.OutboxRowsAsync(Factory.ConnectionString, orderId);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.Headers.Location?.OriginalString, Is.EqualTo($"/api/orders/{orderId}"));
            Assert.That(order.GetProperty("orderId").GetString(), Is.EqualTo(orderId));
            Assert.That(order.GetProperty("status").GetString(), Is.EqualTo(OrderStatuses.Pending), "cancelled only once delivery-service says so");
            Assert.That(order.GetProperty("cancelRequestedAt").GetString(), Does.EndWith("Z"));
            Assert.That(order.GetProperty("cancelReason").GetString(), Is.EqualTo("cancelled by the customer"));
            Assert.That(order.GetProperty("cancelledAt").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(rows.Select(r => r.EventType), Is.EqualTo(new[] { EventTypes.OrderCreated, EventTypes.OrderCancelled }));
        }

        var cancelled = rows[1];
        var envelope = (EventEnvelope<OrderCancelled>)cancelled.Envelope;
        using (Assert.EnterMultipleScope())
        {
            Assert.That((cancelled.Topic, cancelled.MessageKey), Is.EqualTo((Topics.OrderEvents, orderId)), "on the order's own key, after its order.created");
            Assert.That(envelope.Payload, Is.EqualTo(new OrderCancelled("customer-cancel", "cancelled by the customer")));
            Assert.That(envelope.CorrelationId, Is.EqualTo(rows[0].CorrelationId), "the order's journey");
            Assert.That(envelope.Producer, Is.EqualTo("order-service"));
        }
    }

    [Test]
    public async Task The_customers_reason_is_recorded_shown_and_carried()
    {
        var orderId = await PlaceAsync(Client, "customer-reason");

        using var response = await Client.SendAsync(Cancel(orderId, new JsonObject { ["reason"] = "ordered by mistake" }));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), await response.Content.ReadAsStringAsync());
        var shown = await ReadAsync(await Client.GetAsync($"/api/orders/{orderId}"));
        var envelope = (EventEnvelope<OrderCancelled>)(await OrderDatabase.OutboxRowsAsync(Factory.ConnectionString, orderId))[1].Envelope;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(shown.GetProperty("cancelReason").GetString(), Is.EqualTo("ordered by mistake"));
            Assert.That(shown.GetProperty("cancelRequestedAt").ValueKind, Is.EqualTo(JsonValueKind.String));
            Assert.That(envelope.Payload.Reason, Is.EqualTo("ordered by mistake"));
        }
    }

    [Test]
    public async Task A_repeated_cancel_answers_the_same_and_emits_nothing_more()
    {
        var orderId = await PlaceAsync(Client, "customer-repeat");
        using var first = await Client.SendAsync(Cancel(orderId, new JsonObject { ["reason"] = "first" }));

        using var second = await Client.SendAsync(Cancel(orderId, new JsonObject { ["reason"] = "second" }));

        Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        var rows = await OrderDatabase.OutboxRowsAsync(Factory.ConnectionString, orderId);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(await second.Content.ReadAsStringAsync(), Is.EqualTo(await first.Content.ReadAsStringAsync()));
            Assert.That(rows.Count(r => r.EventType == EventTypes.OrderCancelled), Is.EqualTo(1));
        }
    }

    [Test]
    public async Task A_repeat_after_the_cancel_lost_the_race_to_a_driver_is_still_202_with_the_order_as_it_is_now()
    {
        var orderId = await PlaceAsync(Client, "customer-lost-race");
        using var first = await Client.SendAsync(Cancel(orderId));
        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        await Sql.ScalarAsync(Factory.ConnectionString, "UPDATE orders SET status = @status WHERE order_id = @id",
            ("status", OrderStatuses.OutForDelivery), ("id", Guid.Parse(orderId)));

        using var repeat = await Client.SendAsync(Cancel(orderId));

        Assert.That(repeat.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), "the request was accepted once; a repeat answers as it did");
        using (Assert.EnterMultipleScope())
        {
            Assert.That((await ReadAsync(repeat)).GetProperty("status").GetString(), Is.EqualTo(OrderStatuses.OutForDelivery), "the body tells the outcome");
            Assert.That(await CancelEventsAsync(orderId), Is.EqualTo(1));
        }
    }

    [TestCase(OrderStatuses.Confirmed)]
    [TestCase(OrderStatuses.LegacyCreated)]
    public async Task An_open_order_is_cancelled(string status)
    {
        var orderId = await PlaceWithStatusAsync(status);

        using var response = await Client.SendAsync(Cancel(orderId));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        Assert.That(await CancelEventsAsync(orderId), Is.EqualTo(1));
    }

    [TestCase(OrderStatuses.OutForDelivery)]
    [TestCase(OrderStatuses.Delivered)]
    [TestCase(OrderStatuses.Rejected)]
    [TestCase(OrderStatuses.PaymentFailed)]
    [TestCase(OrderStatuses.DeliveryFailed)]
    public async Task An_order_out_for_delivery_or_final_is_a_409_problem(string status)
    {
        var orderId = await PlaceWithStatusAsync(status);

        using var response = await Client.SendAsync(Cancel(orderId));

        var problem = await Problem.AssertAsync(response, HttpStatusCode.Conflict);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(problem.GetProperty("detail").GetString(), Does.Contain(status));
            Assert.That(await CancelEventsAsync(orderId), Is.Zero);
            Assert.That(await CancelRequestedAtAsync(orderId), Is.Null);
        }
    }

    [Test]
    public async Task A_cancelled_order_answers_202_and_emits_nothing()
    {
        var orderId = await PlaceWithStatusAsync(OrderStatuses.Cancelled);

        using var response = await Client.SendAsync(Cancel(orderId));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        Assert.That((await ReadAsync(response)).GetProperty("status").GetString(), Is.EqualTo(OrderStatuses.Cancelled));
        Assert.That(await CancelEventsAsync(orderId), Is.Zero);
    }

    [TestCase("0190f5c2-0000-7000-8000-000000000000", TestName = "Cancel_unknown_order")]
    [TestCase("not-a-uuid", TestName = "Cancel_malformed_order_id")]
    public async Task Cancel_of_an_unknown_order_is_a_404_problem(string orderId)
    {
        using var response = await Client.SendAsync(Cancel(orderId));

        await Problem.AssertAsync(response, HttpStatusCode.NotFound);
    }

    [TestCase("""{"reason": 42}""", TestName = "Reason_not_a_string")]
    [TestCase("""{"reason": "  "}""", TestName = "Reason_blank")]
    [TestCase("""{"reason": "a\u0007b"}""", TestName = "Reason_with_a_control_character")]
    [TestCase("""[]""", TestName = "Body_not_an_object")]
    public async Task An_invalid_reason_is_a_400_and_cancels_nothing(string json)
    {
        var orderId = await PlaceAsync(Client, "customer-bad-reason");

        using var response = await Client.SendAsync(
            new HttpRequestMessage(HttpMethod.Post, $"/api/orders/{orderId}/cancel") { Content = Bodies.Json(json) });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await CancelEventsAsync(orderId), Is.Zero);
    }

    [Test]
    public async Task A_reason_of_257_characters_is_a_field_error()
    {
        var orderId = await PlaceAsync(Client, "customer-long-reason");

        using var response = await Client.SendAsync(Cancel(orderId, new JsonObject { ["reason"] = new string('x', 257) }));

        await Problem.AssertFieldErrorAsync(response, "reason");
    }

    [Test]
    public async Task A_body_that_is_not_json_is_a_415_problem()
    {
        var orderId = await PlaceAsync(Client, "customer-text");

        using var response = await Client.SendAsync(
            new HttpRequestMessage(HttpMethod.Post, $"/api/orders/{orderId}/cancel") { Content = Bodies.Json("reason", "text/plain") });

        await Problem.AssertAsync(response, HttpStatusCode.UnsupportedMediaType);
    }

    [Test]
    public async Task Concurrent_cancels_of_one_order_emit_exactly_one_order_cancelled()
    {
        // Eight requests per order at once, over twenty orders: without the row lock, several would read "not yet
        // requested" and each add an order.cancelled.
        var orderIds = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            orderIds.Add(await PlaceAsync(Client, $"customer-race-{i}"));
        }

        var answers = await Task.WhenAll(orderIds.SelectMany(id => Enumerable.Range(0, 8).Select(async _ =>
        {
            using var response = await Client.SendAsync(Cancel(id));
            return (Id: id, response.StatusCode, Body: await response.Content.ReadAsStringAsync());
        })));

        var events = new Dictionary<string, int>();
        foreach (var id in orderIds)
        {
            events[id] = await CancelEventsAsync(id);
        }

        using (Assert.EnterMultipleScope())
        {
            Assert.That(answers.Where(a => a.StatusCode != HttpStatusCode.Accepted), Is.Empty);
            Assert.That(answers.GroupBy(a => a.Id).Where(g => g.Select(a => a.Body).Distinct().Count() != 1).Select(g => g.Key), Is.Empty, "one answer per order");
            Assert.That(events.Where(e => e.Value != 1), Is.Empty, "orders without exactly one order.cancelled");
        }
    }

    private async Task<string> PlaceWithStatusAsync(string status)
    {
        var orderId = await PlaceAsync(Client, $"customer-{status.ToLowerInvariant()}");
        await Sql.ScalarAsync(Factory.ConnectionString, "UPDATE orders SET status = @status WHERE order_id = @id", ("status", status), ("id", Guid.Parse(orderId)));
        return orderId;
    }

    private async Task<int> CancelEventsAsync(string orderId) =>
        (await OrderDatabase.OutboxRowsAsync(Factory.ConnectionString, orderId)).Count(r => r.EventType == EventTypes.OrderCancelled);

    private Task<object?> CancelRequestedAtAsync(string orderId) =>
        Sql.ScalarAsync(Factory.ConnectionString, "SELECT cancel_requested_at FROM orders WHERE order_id = @id", ("id", Guid.Parse(orderId)));
}
