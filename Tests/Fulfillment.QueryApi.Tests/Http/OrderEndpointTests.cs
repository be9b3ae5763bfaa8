using System.Net;
using System.Text.Json;
using Fulfillment.Messages;

namespace Fulfillment.QueryApi.Tests.Http;

/// <summary>The order endpoints on the real host, over a read model seeded through the projector consumers.</summary>
public sealed class OrderEndpointTests() : QueryApiHostTest(apiKey: "test-key")
{
    private const int CreatedOnlyOrders = 5;

    private Events _delivered = null!;
    private Events _failed = null!;
    private Events _invoiced = null!;

    protected override async Task SeedAsync(string database)
    {
        await using var harness = await ProjectionHarness.StartAsync(database);
        _delivered = Events.ForNewOrder();
        await harness.DeliverAllAsync(
        [
            _delivered.Eta(1, arrivalMinutes: 26, minutes: 4), _delivered.Authorized(2), _delivered.Created(0),
            _delivered.Assigned(3), _delivered.Reserved(1),
        ]);

        _failed = Events.ForNewOrder();
        await harness.DeliverAllAsync([_failed.Created(10), _failed.Reserved(11), _failed.Failed(12)]);

        _invoiced = Events.ForNewOrder();
        await harness.DeliverAllAsync(
        [
            _invoiced.Notified(NotificationKinds.OrderConfirmed, minutes: 34), _invoiced.Invoiced(33), _invoiced.Created(30),
            _invoiced.Confirmed(32), _invoiced.Notified(NotificationKinds.DriverAssigned, minutes: 36),
        ]);

        for (var i = 0; i < CreatedOnlyOrders; i++)
        {
            await harness.DeliverAsync(Events.ForNewOrder().Created(20 + i));
        }
    }

    [Test]
    public async Task An_unknown_order_is_a_404_problem()
    {
        using var response = await Client.GetAsync($"/api/orders/{Guid.NewGuid()}");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        var problem = await ReadJsonAsync(response);
        Assert.That(problem.GetProperty("status").GetInt32(), Is.EqualTo(404));
    }

    [Test]
    public async Task An_order_shows_status_eta_items_payment_driver_and_its_timeline_in_occurrence_order()
    {
        using var response = await Client.GetAsync($"/api/orders/{_delivered.OrderId}");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var order = await ReadJsonAsync(response);
        var timeline = order.GetProperty("timeline").EnumerateArray().ToList();
        Assert.Multiple(() =>
        {
            Assert.That(order.GetProperty("orderId").GetString(), Is.EqualTo(_delivered.OrderId));
            Assert.That(order.GetProperty("status").GetString(), Is.EqualTo("DELIVERY_ASSIGNED"));
            Assert.That(order.GetProperty("eta").GetDateTimeOffset(), Is.EqualTo(Events.T0.AddMinutes(26)));
            Assert.That(order.GetProperty("items").GetArrayLength(), Is.EqualTo(2));
            Assert.That(order.GetProperty("items")[0].GetProperty("sku").GetString(), Is.EqualTo("SKU-APPLE"));
            Assert.That(order.GetProperty("total").GetDecimal(), Is.EqualTo(5.60m));
            Assert.That(order.GetProperty("payment").GetProperty("authCode").GetString(), Is.EqualTo("AUTH-42"));
            Assert.That(order.GetProperty("delivery").GetProperty("driverId").GetString(), Is.EqualTo("driver-9"));
            Assert.That(order.GetProperty("delivery").GetProperty("etaSequence").GetInt32(), Is.EqualTo(1));
            Assert.That(order.GetProperty("inventory").GetProperty("reservationId").GetString(), Is.EqualTo("res-1"));
            Assert.That(
                timeline.Select(t => t.GetProperty("eventType").GetString()),
                Is.EqualTo(new[]
                {
                    EventTypes.OrderCreated, EventTypes.InventoryReserved, EventTypes.PaymentAuthorized,
                    EventTypes.DeliveryAssigned, EventTypes.EtaUpdated,
                }));
            Assert.That(timeline[2].GetProperty("payload").GetProperty("authCode").GetString(), Is.EqualTo("AUTH-42"));
        });
    }

    [Test]
    public async Task A_confirmed_order_shows_its_confirmation_its_invoice_and_the_emails_sent()
    {
        var order = await ReadJsonAsync(await Client.GetAsync($"/api/orders/{_invoiced.OrderId}"));

        var invoice = order.GetProperty("invoice");
        var notifications = order.GetProperty("notifications").EnumerateArray().ToList();
        Assert.Multiple(() =>
        {
            Assert.That(order.GetProperty("confirmedAt").GetDateTimeOffset(), Is.EqualTo(Events.T0.AddMinutes(32)));
            Assert.That(invoice.GetProperty("number").GetString(), Is.EqualTo("INV-2026-000042"));
            Assert.That(invoice.GetProperty("gross").GetDecimal(), Is.EqualTo(6.72m));
            Assert.That(invoice.GetProperty("currency").GetString(), Is.EqualTo("EUR"));
            Assert.That(invoice.GetProperty("dueAt").GetDateTimeOffset(), Is.EqualTo(Events.T0.AddMinutes(33).AddDays(30)));
            Assert.That(
                notifications.Select(n => n.GetProperty("kind").GetString()),
                Is.EqualTo(new[] { NotificationKinds.OrderConfirmed, NotificationKinds.DriverAssigned }));
            Assert.That(notifications[0].GetProperty("recipient").GetString(), Is.EqualTo("ada@example.com"));
            Assert.That(
                notifications[0].GetProperty("messageId").GetString(),
                Is.EqualTo($"<{_invoiced.OrderId}.{NotificationKinds.OrderConfirmed}@notification.fulfillment>"));
        });
    }

    [Test]
    public async Task An_order_without_invoice_or_email_shows_none()
    {
        var order = await ReadJsonAsync(await Client.GetAsync($"/api/orders/{_failed.OrderId}"));

        Assert.Multiple(() =>
        {
            Assert.That(order.GetProperty("invoice").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(order.GetProperty("confirmedAt").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(order.GetProperty("notifications").GetArrayLength(), Is.Zero);
        });
    }

    [Test]
    public async Task A_failed_order_shows_the_failure()
    {
        var order = await ReadJsonAsync(await Client.GetAsync($"/api/orders/{_failed.OrderId}"));

        Assert.Multiple(() =>
        {
            Assert.That(order.GetProperty("status").GetString(), Is.EqualTo("PAYMENT_FAILED"));
            Assert.That(order.GetProperty("payment").GetProperty("failureReason").GetString(), Is.EqualTo("card declined"));
            Assert.That(order.GetProperty("delivery").ValueKind, Is.EqualTo(JsonValueKind.Null));
        });
    }

    [Test]
    public async Task The_listing_returns_every_order_newest_first_with_the_total_count()
    {
        var page = await ReadJsonAsync(await Client.GetAsync("/api/orders"));

        var items = page.GetProperty("items").EnumerateArray().ToList();
        Assert.Multiple(() =>
        {
            Assert.That(page.GetProperty("totalCount").GetInt32(), Is.EqualTo(CreatedOnlyOrders + 3));
            Assert.That(items, Has.Count.EqualTo(CreatedOnlyOrders + 3));
            Assert.That(page.GetProperty("pageNumber").GetInt32(), Is.EqualTo(1));
            Assert.That(items[^1].GetProperty("orderId").GetString(), Is.EqualTo(_delivered.OrderId), "the oldest order is last");
        });
    }

    [Test]
    public async Task The_listing_filters_by_status_in_any_case()
    {
        var page = await ReadJsonAsync(await Client.GetAsync("/api/orders?status=payment_failed"));

        Assert.Multiple(() =>
        {
            Assert.That(page.GetProperty("totalCount").GetInt32(), Is.EqualTo(1));
            Assert.That(page.GetProperty("items")[0].GetProperty("orderId").GetString(), Is.EqualTo(_failed.OrderId));
        });
    }

    [Test]
    public async Task The_listing_pages_through_the_orders()
    {
        var all = await ReadJsonAsync(await Client.GetAsync("/api/orders?status=CREATED"));
        var second = await ReadJsonAsync(await Client.GetAsync("/api/orders?status=CREATED&page=2&pageSize=2"));
        var beyond = await ReadJsonAsync(await Client.GetAsync("/api/orders?status=CREATED&page=4&pageSize=2"));

        var ids = all.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("orderId").GetString()).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(ids, Has.Count.EqualTo(CreatedOnlyOrders));
            Assert.That(
                second.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("orderId").GetString()),
                Is.EqualTo(ids.Skip(2).Take(2)));
            Assert.That(second.GetProperty("totalCount").GetInt32(), Is.EqualTo(CreatedOnlyOrders));
            Assert.That(beyond.GetProperty("items").GetArrayLength(), Is.Zero);
        });
    }

    [Test]
    public async Task A_page_size_above_the_cap_is_capped()
    {
        var page = await ReadJsonAsync(await Client.GetAsync("/api/orders?pageSize=5000"));

        Assert.That(page.GetProperty("pageSize").GetInt32(), Is.EqualTo(100));
    }

    [TestCase("status=SHIPPED", "status")]
    [TestCase("page=0", "page")]
    [TestCase("page=abc", "page")]
    [TestCase("page=-1", "page")]
    [TestCase("pageSize=0", "pageSize")]
    [TestCase("pageSize=ten", "pageSize")]
    public async Task An_invalid_listing_query_is_a_400_validation_problem(string query, string field)
    {
        using var response = await Client.GetAsync($"/api/orders?{query}");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        var problem = await ReadJsonAsync(response);
        Assert.That(problem.GetProperty("errors").TryGetProperty(field, out _), Is.True, problem.ToString());
    }

    [Test]
    public async Task The_openapi_document_describes_the_endpoints()
    {
        var document = await ReadJsonAsync(await Client.GetAsync("/openapi/v1.json"));

        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.That(
            paths,
            Is.SupersetOf(new[] { "/api/orders/{orderId}", "/api/orders", "/api/sagas/{orderId}", "/api/admin/dlq", "/api/admin/dlq/{id}/replay" }));
    }

    private static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response)
    {
        using (response)
        {
            return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
        }
    }
}
