using Fulfillment.Messages;
using Fulfillment.OrderService.Orders;
using Fulfillment.OrderService.Persistence;
using MassTransit;

namespace Fulfillment.OrderService.Status;

/// <summary>
/// The lifecycle events → the order's own status (<see cref="OrderProgression"/>), and <c>order.confirmed</c> the
/// moment the order is confirmed. The verdicts (delivery.cancelled, delivery.failed) end it CANCELLED or
/// DELIVERY_FAILED; payment.refunded and inventory.released record what was undone.
/// </summary>
/// <remarks>
/// Exactly one order.confirmed per order: it is added to the outbox in the unit of work that moves the status off
/// PENDING, on the row locked for that unit of work, and a status never returns to PENDING. A redelivered event is
/// stopped by the inbox; a re-sent one (new eventId), a replay, the same event in another instance or consumer group,
/// finds the status already moved and publishes nothing. The unit of work owns the transaction and the save.
/// </remarks>
public sealed class TrackOrderStatus(OrderDbContext db, LockedOrders orders, ILogger<TrackOrderStatus> logger) :
    IConsumer<EventEnvelope<InventoryReserved>>,
    IConsumer<EventEnvelope<InventoryRejected>>,
    IConsumer<EventEnvelope<PaymentAuthorized>>,
    IConsumer<EventEnvelope<PaymentFailed>>,
    IConsumer<EventEnvelope<DeliveryAssigned>>,
    IConsumer<EventEnvelope<DeliveryCompleted>>,
    IConsumer<EventEnvelope<DeliveryCancelled>>,
    IConsumer<EventEnvelope<DeliveryFailed>>,
    IConsumer<EventEnvelope<PaymentRefunded>>,
    IConsumer<EventEnvelope<InventoryReleased>>
{
    public Task Consume(ConsumeContext<EventEnvelope<InventoryReserved>> context) => ApplyAsync(context, context.Message, OrderStep.StockReserved);

    public Task Consume(ConsumeContext<EventEnvelope<InventoryRejected>> context) => ApplyAsync(context, context.Message, OrderStep.StockRejected);

    public Task Consume(ConsumeContext<EventEnvelope<PaymentAuthorized>> context) => ApplyAsync(context, context.Message, OrderStep.PaymentAuthorized);

    public Task Consume(ConsumeContext<EventEnvelope<PaymentFailed>> context) => ApplyAsync(context, context.Message, OrderStep.PaymentFailed);

    public Task Consume(ConsumeContext<EventEnvelope<DeliveryAssigned>> context) => ApplyAsync(context, context.Message, OrderStep.OutForDelivery);

    public Task Consume(ConsumeContext<EventEnvelope<DeliveryCompleted>> context) => ApplyAsync(context, context.Message, OrderStep.Delivered);

    public Task Consume(ConsumeContext<EventEnvelope<DeliveryCancelled>> context) => ApplyAsync(context, context.Message, OrderStep.Cancelled);

    public Task Consume(ConsumeContext<EventEnvelope<DeliveryFailed>> context) =>
        ApplyAsync(context, context.Message, OrderStep.DeliveryFailed,
            new StepDetail(FailureCode: context.Message.Payload.Code, FailureReason: context.Message.Payload.Reason));

    public Task Consume(ConsumeContext<EventEnvelope<PaymentRefunded>> context) =>
        ApplyAsync(context, context.Message, OrderStep.Refunded, new StepDetail(RefundId: context.Message.Payload.RefundId));

    public Task Consume(ConsumeContext<EventEnvelope<InventoryReleased>> context) => ApplyAsync(context, context.Message, OrderStep.StockReleased);

    private async Task ApplyAsync(ConsumeContext context, IEventEnvelope envelope, OrderStep step, StepDetail? detail = null)
    {
        var cancellationToken = context.CancellationToken;
        var order = Guid.TryParse(envelope.OrderId, out var orderId) ? await orders.GetAsync(orderId, cancellationToken) : null;
        if (order is null)
        {
            // Every order's events follow its order.created, which is sent only once the order is committed here: an
            // event for an order this database lacks is not ours (another platform's test data, a restored backup).
            // Retrying cannot make it ours, and it is no poison for the partition either.
            Log.UnknownOrder(logger, envelope.EventType, envelope.EventId, envelope.OrderId);
            return;
        }

        var outcome = OrderProgression.Apply(order, step, envelope.OccurredAt, detail);
        if (outcome.Contradiction)
        {
            Log.StepContradictsStatus(logger, envelope.EventType, envelope.EventId, order.OrderId, outcome.StatusBefore);
            return;
        }

        if (!outcome.StatusChanged)
        {
            Log.StepRecorded(logger, envelope.EventType, envelope.EventId, order.OrderId, outcome.StatusAfter);
            return;
        }

        Log.StatusChanged(logger, order.OrderId, outcome.StatusBefore, outcome.StatusAfter, envelope.EventType, envelope.EventId);
        if (outcome.BecameConfirmed)
        {
            await db.Entry(order).Collection(o => o.Lines).LoadAsync(cancellationToken);
            await context.Publish(
                new OrderConfirmed(
                    order.CustomerId,
                    OrderView.LinesOf(order),
                    Money.Normalize(order.Total),
                    order.Currency,
                    order.CustomerEmail),
                cancellationToken);
            Log.OrderConfirmed(logger, order.OrderId, envelope.EventType, envelope.EventId);
        }
    }
}
