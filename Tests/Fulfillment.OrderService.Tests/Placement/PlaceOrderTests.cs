using System.Net;
using System.Text.Json;
using Fulfillment.Messages;
using Fulfillment.OrderService.Tests.Support;
using NUnit.Framework;

namespace Fulfillment.OrderService.Tests.Placement;

/// <summary>The happy path: 202 with the order, the rows and exactly one order.created in the outbox, all consistent.</summary>
[TestFixture]
public sealed class PlaceOrderTests : OrderServiceTest
{
    [Test]
    public async Task A_valid_order_is_accepted_with_its_id_status_and_location()
    {
        using var response = await Client.SendAsync(Bodies.Post(Bodies.Json(Bodies.ValidOrder("customer-accept"))));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), await response.Content.ReadAsStringAsync());
        var order = await ReadAsync(response);
        var orderId = order.GetProperty("orderId").GetString();
        Assert.That(Guid.TryParse(orderId, out var id), Is.True, orderId);
        Assert.That(id.Version, Is.EqualTo(7));
        Assert.That(response.Headers.Location?.OriginalString, Is.EqualTo($"/api/orders/{orderId}"));
        Assert.That(order.GetProperty("status").GetString(), Is.EqualTo("PENDING"));
        Assert.That(order.GetProperty("total").GetDecimal(), Is.EqualTo(Bodies.ValidOrderTotal));
        Assert.That(order.GetProperty("currency").GetString(), Is.EqualTo("EUR"));
        Assert.That(order.GetProperty("items").GetArrayLength(), Is.EqualTo(2));
    }

    [Test]
    public async Task The_order_its_lines_and_one_order_created_event_are_stored_together()
    {
        using var response = await Client.SendAsync(
            Bodies.Post(Bodies.Json(Bodies.ValidOrder("customer-rows")), correlationId: "corr-rows-1"));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        var orderId = (await ReadAsync(response)).GetProperty("orderId").GetString()!;

        var total = await OrderDatabase.ScalarAsync<decimal>(
            Factory.ConnectionString, "SELECT total FROM orders WHERE order_id = @id", ("id", Guid.Parse(orderId)));
        var lines = await OrderDatabase.ScalarAsync<long>(
            Factory.ConnectionString, "SELECT count(*) FROM order_lines WHERE order_id = @id", ("id", Guid.Parse(orderId)));
        Assert.That(total, Is.EqualTo(Bodies.ValidOrderTotal));
        Assert.That(lines, Is.EqualTo(2));

        var rows = await OrderDatabase.OutboxRowsAsync(Factory.ConnectionString, orderId);
        Assert.That(rows, Has.Count.EqualTo(1));
        var row = rows[0];
        Assert.That(row.Topic, Is.EqualTo(Topics.OrderEvents));
        Assert.That(row.EventType, Is.EqualTo(EventTypes.OrderCreated));
        Assert.That(row.CorrelationId, Is.EqualTo("corr-rows-1"));

        var envelope = (EventEnvelope<OrderCreated>)row.Envelope;
        Assert.That(envelope.EventType, Is.EqualTo(EventTypes.OrderCreated));
        Assert.That(envelope.SchemaVersion, Is.EqualTo(1));
        Assert.That(envelope.OrderId, Is.EqualTo(orderId));
        Assert.That(envelope.CorrelationId, Is.EqualTo("corr-rows-1"));
        Assert.That(envelope.CausationId, Is.Null);
        Assert.That(envelope.Producer, Is.EqualTo("order-service"));
        Assert.That(envelope.EventId, Is.Not.EqualTo(Guid.Empty));
        Assert.That(envelope.ProducedAt, Is.Null, "producedAt is stamped by the relay");

        var payload = envelope.Payload;
        Assert.That(payload.CustomerId, Is.EqualTo("customer-rows"));
        Assert.That(payload.Currency, Is.EqualTo("EUR"));
        Assert.That(payload.Total, Is.EqualTo(Bodies.ValidOrderTotal));
        Assert.That(payload.DeliveryAddress, Is.EqualTo(new GeoPoint(48.8566, 2.3522)));
        Assert.That(payload.Items, Is.EqualTo(new[]
        {
            new OrderLine("SKU-APPLE", 3, 0.10m),
            new OrderLine("SKU-PEAR", 2, 12.345m),
        }));
    }

    [Test]
    public async Task The_total_is_exact_decimal_arithmetic()
    {
        // 0.1 × 3 is 0.30000000000000004 in binary floating point; 19.99 × 7 + 0.01 is 139.94 exactly.
        var body = Bodies.ValidOrder("customer-exact");
        body["items"] = JsonSerializer.SerializeToNode(new[]
        {
            new { sku = "A", quantity = 3, unitPrice = 0.1m },
            new { sku = "B", quantity = 7, unitPrice = 19.99m },
            new { sku = "C", quantity = 1, unitPrice = 0.01m },
        });

        using var response = await Client.SendAsync(Bodies.Post(Bodies.Json(body)));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        var order = await ReadAsync(response);
        Assert.That(order.GetProperty("total").GetRawText(), Is.EqualTo("140.24"));
        var rows = await OrderDatabase.OutboxRowsAsync(Factory.ConnectionString, order.GetProperty("orderId").GetString()!);
        Assert.That(((EventEnvelope<OrderCreated>)rows[0].Envelope).Payload.Total, Is.EqualTo(140.24m));
    }

    [Test]
    public async Task The_correlation_id_is_echoed_and_carried()
    {
        using var response = await Client.SendAsync(
            Bodies.Post(Bodies.Json(Bodies.ValidOrder("customer-corr")), correlationId: "trace-abc-123"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        Assert.That(response.Headers.GetValues("X-Correlation-Id"), Is.EqualTo(new[] { "trace-abc-123" }));
        var order = await ReadAsync(response);
        Assert.That(order.GetProperty("correlationId").GetString(), Is.EqualTo("trace-abc-123"));
    }

    [Test]
    public async Task Without_a_correlation_id_the_order_id_is_the_correlation_id()
    {
        using var response = await Client.SendAsync(Bodies.Post(Bodies.Json(Bodies.ValidOrder("customer-nocorr"))));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        var orderId = (await ReadAsync(response)).GetProperty("orderId").GetString()!;
        Assert.That(response.Headers.GetValues("X-Correlation-Id"), Is.EqualTo(new[] { orderId }));
        var rows = await OrderDatabase.OutboxRowsAsync(Factory.ConnectionString, orderId);
        Assert.That(rows.Single().Envelope.CorrelationId, Is.EqualTo(orderId));
    }

    [Test]
    public async Task Unknown_fields_are_ignored()
    {
        var body = Bodies.ValidOrder("customer-extra");
        body["giftWrap"] = true;
        body["items"]![0]!["colour"] = "green";

        using var response = await Client.SendAsync(Bodies.Post(Bodies.Json(body)));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
    }

    [Test]
    public async Task Get_returns_the_owners_view_of_a_placed_order()
    {
        using var placed = await Client.SendAsync(
            Bodies.Post(Bodies.Json(Bodies.ValidOrder("customer-get")), correlationId: "corr-get"));
        var location = placed.Headers.Location!;

        using var response = await Client.GetAsync(location);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var order = await ReadAsync(response);
        Assert.That(order.GetProperty("orderId").GetString(), Is.EqualTo((await ReadAsync(placed)).GetProperty("orderId").GetString()));
        Assert.That(order.GetProperty("customerId").GetString(), Is.EqualTo("customer-get"));
        Assert.That(order.GetProperty("status").GetString(), Is.EqualTo("PENDING"));
        Assert.That(order.GetProperty("total").GetDecimal(), Is.EqualTo(Bodies.ValidOrderTotal));
        Assert.That(order.GetProperty("correlationId").GetString(), Is.EqualTo("corr-get"));
        Assert.That(order.GetProperty("createdAt").GetString(), Does.EndWith("Z"));
        var items = order.GetProperty("items").EnumerateArray().ToList();
        Assert.That(items.Select(i => i.GetProperty("sku").GetString()), Is.EqualTo(new[] { "SKU-APPLE", "SKU-PEAR" }));
        Assert.That(items[1].GetProperty("unitPrice").GetRawText(), Is.EqualTo("12.345"));
        Assert.That(order.GetProperty("deliveryAddress").GetProperty("latitude").GetDouble(), Is.EqualTo(48.8566));
    }

    [Test]
    public async Task Get_of_a_new_order_shows_no_step_yet()
    {
        using var placed = await Client.SendAsync(Bodies.Post(Bodies.Json(Bodies.ValidOrder("customer-steps"))));

        var order = await ReadAsync(await Client.GetAsync(placed.Headers.Location!));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(order.GetProperty("status").GetString(), Is.EqualTo("PENDING"));
            foreach (var step in new[] { "stockReservedAt", "paymentAuthorizedAt", "confirmedAt", "outForDeliveryAt", "deliveredAt", "rejectedAt", "paymentFailedAt", "customerEmail" })
            {
                Assert.That(order.GetProperty(step).ValueKind, Is.EqualTo(JsonValueKind.Null), step);
            }
        }
    }

    [TestCase("jane@example.com")]
    [TestCase("first.last+orders@mail.example.co.uk")]
    [TestCase("o'brien_42@example.ie")]
    [TestCase("josé@exämple.de")]
    [TestCase(null, TestName = "Email_null_is_none")]
    public async Task A_customer_email_is_stored_shown_and_carried_in_order_created(string? email)
    {
        var body = Bodies.ValidOrder("customer-email");
        body["customerEmail"] = email;

        using var response = await Client.SendAsync(Bodies.Post(Bodies.Json(body)));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), await response.Content.ReadAsStringAsync());
        var orderId = (await ReadAsync(response)).GetProperty("orderId").GetString()!;
        var shown = await ReadAsync(await Client.GetAsync(response.Headers.Location!));
        var stored = await OrderDatabase.ScalarAsync<string>(
            Factory.ConnectionString, "SELECT customer_email FROM orders WHERE order_id = @id", ("id", Guid.Parse(orderId)));
        var created = (EventEnvelope<OrderCreated>)(await OrderDatabase.OutboxRowsAsync(Factory.ConnectionString, orderId)).Single().Envelope;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(shown.GetProperty("customerEmail").GetString(), Is.EqualTo(email));
            Assert.That(stored, Is.EqualTo(email));
            Assert.That(created.Payload.CustomerEmail, Is.EqualTo(email));
        }
    }

    [Test]
    public async Task A_customer_email_of_254_characters_is_accepted()
    {
        var email = new string('j', 64) + "@" + new string('a', 63) + "." + new string('b', 63) + "." + new string('c', 57) + ".com";
        var body = Bodies.ValidOrder("customer-long-email");
        body["customerEmail"] = email;

        using var response = await Client.SendAsync(Bodies.Post(Bodies.Json(body)));

        Assert.That(email, Has.Length.EqualTo(254));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), await response.Content.ReadAsStringAsync());
        Assert.That((await ReadAsync(response)).GetProperty("customerEmail").GetString(), Is.EqualTo(email));
    }

    [TestCase("0190f5c2-0000-7000-8000-000000000000", TestName = "Get_unknown_order")]
    [TestCase("not-a-uuid", TestName = "Get_malformed_order_id")]
    public async Task Get_of_an_unknown_order_is_a_404_problem(string orderId)
    {
        using var response = await Client.GetAsync($"/api/orders/{orderId}");

        await Problem.AssertAsync(response, HttpStatusCode.NotFound);
    }

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response)
    {
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }
}
