using System.Text.Json;
using Fulfillment.Messages;
using Fulfillment.QueryApi.Persistence;

namespace Fulfillment.QueryApi.Tests.Projection;

/// <summary>Each event type on its own: the row it creates and the timeline entry it records.</summary>
public sealed class ProjectorTests : ProjectionTest
{
    [Test]
    public async Task Order_created_fills_the_orders_own_facts()
    {
        var events = Events.ForNewOrder();
        var created = events.Created();

        await Harness.DeliverAsync(created);

        var order = await RequireOrderAsync(events.OrderId);
        var items = JsonSerializer.Deserialize<List<OrderLine>>(order.Items!, FulfillmentJson.Options);
        Assert.Multiple(() =>
        {
            Assert.That(order.Status, Is.EqualTo("CREATED"));
            Assert.That(order.CustomerId, Is.EqualTo("customer-7"));
            Assert.That(items, Is.EqualTo(created.Payload.Items));
            Assert.That(order.Total, Is.EqualTo(5.60m));
            Assert.That(order.Currency, Is.EqualTo("EUR"));
            Assert.That(order.DeliveryLatitude, Is.EqualTo(Events.Address.Latitude));
            Assert.That(order.DeliveryLongitude, Is.EqualTo(Events.Address.Longitude));
            Assert.That(order.CorrelationId, Is.EqualTo("corr-" + events.OrderId));
            Assert.That(order.CreatedAt, Is.EqualTo(created.OccurredAt));
            Assert.That(order.FirstEventAt, Is.EqualTo(created.OccurredAt));
        });
    }

    [Test]
    public async Task Inventory_reserved_records_the_reservation_and_the_order_facts_it_carries()
    {
        var events = Events.ForNewOrder();
        var reserved = events.Reserved();

        await Harness.DeliverAsync(reserved);

        var order = await RequireOrderAsync(events.OrderId);
        Assert.Multiple(() =>
        {
            Assert.That(order.Status, Is.EqualTo("INVENTORY_RESERVED"));
            Assert.That(order.ReservationId, Is.EqualTo("res-1"));
            Assert.That(order.Warehouse, Is.EqualTo("WH-BERLIN"));
            Assert.That(order.CustomerId, Is.EqualTo("customer-7"));
            Assert.That(order.Total, Is.EqualTo(5.60m));
            Assert.That(order.InventoryReservedAt, Is.EqualTo(reserved.OccurredAt));
            Assert.That(order.Items, Is.Null, "only order.created carries the lines");
            Assert.That(order.CreatedAt, Is.Null);
        });
    }

    [Test]
    public async Task Inventory_rejected_is_a_failure_with_its_reason()
    {
        var events = Events.ForNewOrder();
        var rejected = events.Rejected();

        await Harness.DeliverAsync(rejected);

        var order = await RequireOrderAsync(events.OrderId);
        Assert.Multiple(() =>
        {
            Assert.That(order.Status, Is.EqualTo("INVENTORY_REJECTED"));
            Assert.That(order.InventoryRejectionReason, Is.EqualTo("insufficient stock"));
            Assert.That(order.InventoryRejectedAt, Is.EqualTo(rejected.OccurredAt));
        });
    }

    [Test]
    public async Task Inventory_released_records_the_compensation_and_proves_a_reservation()
    {
        var events = Events.ForNewOrder();
        var released = events.Released();

        await Harness.DeliverAsync(released);

        var order = await RequireOrderAsync(events.OrderId);
        Assert.Multiple(() =>
        {
            Assert.That(order.Status, Is.EqualTo("INVENTORY_RESERVED"));
            Assert.That(order.ReservationId, Is.EqualTo("res-1"));
            Assert.That(order.InventoryReleaseReason, Is.EqualTo("payment failed"));
            Assert.That(order.InventoryReleasedAt, Is.EqualTo(released.OccurredAt));
        });
    }

    [Test]
    public async Task Payment_authorized_records_the_payment()
    {
        var events = Events.ForNewOrder();
        var authorized = events.Authorized();

        await Harness.DeliverAsync(authorized);

        var order = await RequireOrderAsync(events.OrderId);
        Assert.Multiple(() =>
        {
            Assert.That(order.Status, Is.EqualTo("PAYMENT_AUTHORIZED"));
            Assert.That(order.PaymentId, Is.EqualTo("pay-1"));
            Assert.That(order.PaymentAuthCode, Is.EqualTo("AUTH-42"));
            Assert.That(order.Total, Is.EqualTo(5.60m));
            Assert.That(order.PaymentAuthorizedAt, Is.EqualTo(authorized.OccurredAt));
        });
    }

    [Test]
    public async Task Payment_failed_is_a_failure_with_its_reason()
    {
        var events = Events.ForNewOrder();
        var failed = events.Failed();

        await Harness.DeliverAsync(failed);

        var order = await RequireOrderAsync(events.OrderId);
        Assert.Multiple(() =>
        {
            Assert.That(order.Status, Is.EqualTo("PAYMENT_FAILED"));
            Assert.That(order.PaymentId, Is.EqualTo("pay-1"));
            Assert.That(order.PaymentFailureReason, Is.EqualTo("card declined"));
            Assert.That(order.PaymentFailedAt, Is.EqualTo(failed.OccurredAt));
        });
    }

    [Test]
    public async Task Delivery_assigned_records_the_driver_and_the_initial_eta()
    {
        var events = Events.ForNewOrder();
        var assigned = events.Assigned();

        await Harness.DeliverAsync(assigned);

        var order = await RequireOrderAsync(events.OrderId);
        Assert.Multiple(() =>
        {
            Assert.That(order.Status, Is.EqualTo("DELIVERY_ASSIGNED"));
            Assert.That(order.DeliveryId, Is.EqualTo("del-1"));
            Assert.That(order.DriverId, Is.EqualTo("driver-9"));
            Assert.That(order.Eta, Is.EqualTo(assigned.Payload.EstimatedArrival));
            Assert.That(order.EtaSequence, Is.Zero);
            Assert.That(order.RemainingKm, Is.EqualTo(4.2));
            Assert.That(order.DriverLatitude, Is.EqualTo(52.50));
            Assert.That(order.DeliveryAssignedAt, Is.EqualTo(assigned.OccurredAt));
        });
    }

    [Test]
    public async Task Eta_updated_moves_the_eta_and_proves_an_assigned_delivery()
    {
        var events = Events.ForNewOrder();
        var eta = events.Eta(sequence: 2, arrivalMinutes: 25);

        await Harness.DeliverAsync(eta);

        var order = await RequireOrderAsync(events.OrderId);
        Assert.Multiple(() =>
        {
            Assert.That(order.Status, Is.EqualTo("DELIVERY_ASSIGNED"));
            Assert.That(order.Eta, Is.EqualTo(Events.T0.AddMinutes(25)));
            Assert.That(order.EtaSequence, Is.EqualTo(2));
            Assert.That(order.RemainingKm, Is.EqualTo(2.2).Within(1e-9));
            Assert.That(order.DeliveryAssignedAt, Is.Null, "the assignment itself has not been seen");
        });
    }

    [Test]
    public async Task Delivery_completed_marks_the_order_delivered()
    {
        var events = Events.ForNewOrder();
        var completed = events.Completed();

        await Harness.DeliverAsync(completed);

        var order = await RequireOrderAsync(events.OrderId);
        Assert.Multiple(() =>
        {
            Assert.That(order.Status, Is.EqualTo("DELIVERED"));
            Assert.That(order.DeliveredAt, Is.EqualTo(completed.Payload.DeliveredAt));
            Assert.That(order.DriverId, Is.EqualTo("driver-9"));
        });
    }

    [Test]
    public async Task Every_event_type_lands_in_the_timeline_with_its_envelope_and_payload()
    {
        var events = Events.ForNewOrder();
        IEventEnvelope[] all =
        [
            events.Created(0), events.Reserved(1), events.Rejected(2), events.Released(3), events.Authorized(4),
            events.Failed(5), events.Assigned(6), events.Eta(1, 28, minutes: 7), events.Completed(8),
        ];

        await Harness.DeliverAllAsync(all);

        var timeline = await Harness.TimelineAsync(events.OrderId);
        Assert.That(timeline.Select(t => t.EventType), Is.EqualTo(all.Select(e => e.EventType)));
        var reserved = timeline[1];
        using var payload = JsonDocument.Parse(reserved.Payload);
        Assert.Multiple(() =>
        {
            Assert.That(reserved.EventId, Is.EqualTo(all[1].EventId));
            Assert.That(reserved.Producer, Is.EqualTo("inventory-service"));
            Assert.That(reserved.CorrelationId, Is.EqualTo("corr-" + events.OrderId));
            Assert.That(reserved.ProducedAt, Is.EqualTo(all[1].ProducedAt));
            Assert.That(payload.RootElement.GetProperty("reservationId").GetString(), Is.EqualTo("res-1"));
            Assert.That(payload.RootElement.GetProperty("amount").GetDecimal(), Is.EqualTo(5.60m));
        });
    }

    private async Task<OrderRecord> RequireOrderAsync(string orderId)
    {
        var order = await Harness.OrderAsync(orderId);
        Assert.That(order, Is.Not.Null, $"no read-model row for {orderId}");
        return order!;
    }

    [Test]
    public async Task Order_confirmed_records_the_confirmation_and_proves_the_payment()
    {
        var events = Events.ForNewOrder();
        var confirmed = events.Confirmed();

        await Harness.DeliverAsync(confirmed);

        var order = await RequireOrderAsync(events.OrderId);
        Assert.Multiple(() =>
        {
            Assert.That(order.Status, Is.EqualTo("PAYMENT_AUTHORIZED"));
            Assert.That(order.ConfirmedAt, Is.EqualTo(confirmed.OccurredAt));
            Assert.That(order.CustomerId, Is.EqualTo("customer-7"));
            Assert.That(order.Total, Is.EqualTo(5.60m));
            Assert.That(order.Items, Is.Not.Null);
        });
    }

    [Test]
    public async Task Invoice_issued_records_the_invoice_number_and_amounts()
    {
        var events = Events.ForNewOrder();
        var invoiced = events.Invoiced();

        await Harness.DeliverAsync(invoiced);

        var order = await RequireOrderAsync(events.OrderId);
        Assert.Multiple(() =>
        {
            Assert.That(order.Status, Is.EqualTo("PAYMENT_AUTHORIZED"));
            Assert.That(order.InvoiceNumber, Is.EqualTo("INV-2026-000042"));
            Assert.That(order.InvoiceGross, Is.EqualTo(6.72m));
            Assert.That(order.InvoiceIssuedAt, Is.EqualTo(invoiced.Payload.IssuedAt));
            Assert.That(order.InvoiceDueAt, Is.EqualTo(invoiced.Payload.DueAt));
        });
    }

    [Test]
    public async Task Notification_sent_enters_the_timeline_without_moving_the_status()
    {
        var events = Events.ForNewOrder();
        await Harness.DeliverAsync(events.Completed());
        var notified = events.Notified(NotificationKinds.Delivered, minutes: 21);

        await Harness.DeliverAsync(notified);

        var order = await RequireOrderAsync(events.OrderId);
        var timeline = await Harness.TimelineAsync(events.OrderId);
        Assert.Multiple(() =>
        {
            Assert.That(order.Status, Is.EqualTo("DELIVERED"));
            Assert.That(timeline.Select(t => t.EventType), Does.Contain(EventTypes.NotificationSent));
        });
    }
}
