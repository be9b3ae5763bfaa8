using System.Text.Json;
using Fulfillment.Messages;
using Fulfillment.QueryApi.Http;
using Fulfillment.QueryApi.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Fulfillment.QueryApi.Orders.Queries;

/// <summary>Reads the order read model for the HTTP API.</summary>
public sealed class OrderReadModel(QueryDbContext db)
{
    public async Task<OrderDetails?> GetAsync(string orderId, CancellationToken cancellationToken)
    {
        var order = await db.Orders.AsNoTracking().SingleOrDefaultAsync(o => o.OrderId == orderId, cancellationToken);
        if (order is null)
        {
            return null;
        }

        var timeline = await db.Timeline.AsNoTracking()
            .Where(t => t.OrderId == orderId)
            .OrderBy(t => t.OccurredAt)
            .ThenBy(t => t.RecordedAt)
            .ThenBy(t => t.EventId)
            .ToListAsync(cancellationToken);

        var entries = timeline.Select(ToEntry).ToList();
        return new OrderDetails(
            order.OrderId,
            order.Status,
            order.Eta,
            order.CustomerId,
            order.Items is null ? null : JsonSerializer.Deserialize<List<OrderLine>>(order.Items, FulfillmentJson.Options),
            order.Total,
            order.Currency,
            Point(order.DeliveryLatitude, order.DeliveryLongitude),
            order.CorrelationId,
            InventoryOf(order),
            PaymentOf(order),
            DeliveryOf(order),
            order.ConfirmedAt,
            order.InvoiceNumber is { } number
                ? new OrderInvoice(
                    number, order.InvoiceGross, order.Currency, order.InvoiceIssuedAt, order.InvoiceDueAt, order.CreditNoteNumber,
                    order.InvoiceCreditedAt)
                : null,
            order is { CancelRequestedAt: null, CancelledAt: null }
                ? null
                : new OrderCancellation(order.CancelRequestedAt, order.CancelReason, order.CancelledAt),
            [.. entries.Where(e => e.EventType == EventTypes.NotificationSent).Select(NotificationOf)],
            order.CreatedAt,
            order.LastEventAt,
            order.UpdatedAt,
            entries);
    }

    public async Task<Page<OrderSummary>> ListAsync(OrderStatus? status, PageRequest page, CancellationToken cancellationToken)
    {
        var orders = db.Orders.AsNoTracking();
        if (status is { } wanted)
        {
            var name = OrderStatusRules.Name(wanted);
            orders = orders.Where(o => o.Status == name);
        }

        var total = await orders.CountAsync(cancellationToken);
        var items = await orders
            .OrderByDescending(o => o.FirstEventAt)
            .ThenBy(o => o.OrderId)
            .Skip(page.Skip)
            .Take(page.PageSize)
            .Select(o => new OrderSummary(
                o.OrderId, o.Status, o.CustomerId, o.Total, o.Currency, o.DriverId, o.Eta, o.CreatedAt, o.LastEventAt, o.UpdatedAt))
            .ToListAsync(cancellationToken);
        return new Page<OrderSummary>(items, page.PageNumber, page.PageSize, total);
    }

    private static OrderInventory? InventoryOf(OrderRecord o) =>
        o is { ReservationId: null, InventoryReservedAt: null, InventoryRejectedAt: null, InventoryReleasedAt: null }
            ? null
            : new OrderInventory(
                o.ReservationId, o.Warehouse, o.InventoryReservedAt, o.InventoryRejectedAt, o.InventoryRejectionReason,
                o.InventoryReleasedAt, o.InventoryReleaseReason);

    private static OrderPayment? PaymentOf(OrderRecord o) =>
        o is { PaymentId: null, PaymentAuthorizedAt: null, PaymentFailedAt: null, PaymentRefundedAt: null }
            ? null
            : new OrderPayment(
                o.PaymentId, o.PaymentAuthCode, o.PaymentAuthorizedAt, o.PaymentFailedAt, o.PaymentFailureReason, o.RefundId,
                o.PaymentRefundedAt);

    private static OrderDelivery? DeliveryOf(OrderRecord o) =>
        o is { DeliveryId: null, DriverId: null, DeliveryAssignedAt: null, DeliveredAt: null, Eta: null, DeliveryFailedAt: null }
            ? null
            : new OrderDelivery(
                o.DeliveryId, o.DriverId, o.Eta, o.EtaSequence, Point(o.DriverLatitude, o.DriverLongitude), o.RemainingKm,
                o.DeliveryAssignedAt, o.DeliveredAt, o.DeliveryFailedAt, o.DeliveryFailureCode, o.DeliveryFailureReason);

    private static OrderNotification NotificationOf(TimelineEntry entry)
    {
        var sent = entry.Payload.Deserialize<NotificationSent>(FulfillmentJson.Options)!;
        return new OrderNotification(sent.Kind, sent.Recipient, sent.Subject, sent.MessageId, sent.SentAt);
    }

    private static GeoPoint? Point(double? latitude, double? longitude) =>
        latitude is { } lat && longitude is { } lon ? new GeoPoint(lat, lon) : null;

    private static TimelineEntry ToEntry(TimelineRecord t)
    {
        using var payload = JsonDocument.Parse(t.Payload);
        return new TimelineEntry(
            t.EventId, t.EventType, t.OccurredAt, t.ProducedAt, t.Producer, t.CorrelationId, t.CausationId,
            payload.RootElement.Clone(), t.RecordedAt);
    }
}
