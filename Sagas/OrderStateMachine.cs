using System.Linq.Expressions;
using Fulfillment.Messages;
using MassTransit;

namespace Fulfillment.Sagas;

/// <summary>
/// Records each order's lifecycle from the events of the lifecycle's topics: one instance per orderId, created by whichever
/// event arrives first, converging to the same state whatever the arrival order (<see cref="OrderSagaStatus"/>).
/// </summary>
/// <remarks>
/// Every event is handled the same way in every state: it proves the order reached at least some state, the saga moves
/// to the higher-ranked of that and its current state, and the event enters the history even when it does not move
/// the state (a late event is worth seeing). An event already in the history (same eventId) changes nothing.
/// The machine only records: it publishes nothing, so the services stay choreographed and the saga can be rebuilt by
/// replaying the topics.
/// </remarks>
public sealed class OrderStateMachine : MassTransitStateMachine<OrderState>
{
    private readonly TimeProvider _clock;

    // Declared by name so that the stored state is the contract's name (CREATED, ...). Expression-bodied properties
    // (no setter, no backing field) keep MassTransit from declaring a second state named after each property.
    private readonly State _created;
    private readonly State _inventoryReserved;
    private readonly State _paymentAuthorized;
    private readonly State _deliveryAssigned;
    private readonly State _delivered;
    private readonly State _inventoryRejected;
    private readonly State _paymentFailed;
    private readonly State _deliveryFailed;
    private readonly State _cancelled;

    public OrderStateMachine()
        : this(TimeProvider.System)
    {
    }

    public OrderStateMachine(TimeProvider clock)
    {
        _clock = clock;
        InstanceState(x => x.CurrentState);

        _created = State(OrderSagaStatus.Created);
        _inventoryReserved = State(OrderSagaStatus.InventoryReserved);
        _paymentAuthorized = State(OrderSagaStatus.PaymentAuthorized);
        _deliveryAssigned = State(OrderSagaStatus.DeliveryAssigned);
        _delivered = State(OrderSagaStatus.Delivered);
        _inventoryRejected = State(OrderSagaStatus.InventoryRejected);
        _paymentFailed = State(OrderSagaStatus.PaymentFailed);
        _deliveryFailed = State(OrderSagaStatus.DeliveryFailed);
        _cancelled = State(OrderSagaStatus.Cancelled);

        Correlate(() => OrderCreatedEvent);
        Correlate(() => InventoryReservedEvent);
        Correlate(() => InventoryRejectedEvent);
        Correlate(() => InventoryReleasedEvent);
        Correlate(() => PaymentAuthorizedEvent);
        Correlate(() => PaymentFailedEvent);
        Correlate(() => DeliveryAssignedEvent);
        Correlate(() => EtaUpdatedEvent);
        Correlate(() => DeliveryCompletedEvent);
        Correlate(() => OrderConfirmedEvent);
        Correlate(() => InvoiceIssuedEvent);
        Correlate(() => OrderCancelledEvent);
        Correlate(() => DeliveryCancelledEvent);
        Correlate(() => DeliveryFailedEvent);
        Correlate(() => PaymentRefundedEvent);
        Correlate(() => InvoiceCreditedEvent);

        EventActivities<OrderState>[] handlers =
        [
            Handle(OrderCreatedEvent, OrderSagaStatus.Created, static (saga, e) =>
                Set(saga.OrderCreatedAt, e.OccurredAt, v => saga.OrderCreatedAt = v)),
            Handle(InventoryReservedEvent, OrderSagaStatus.InventoryReserved, static (saga, e) =>
                Set(saga.InventoryReservedAt, e.OccurredAt, v => saga.InventoryReservedAt = v)),
            Handle(InventoryRejectedEvent, OrderSagaStatus.InventoryRejected, static (saga, e) =>
                Set(saga.InventoryRejectedAt, e.OccurredAt, v =>
                {
                    saga.InventoryRejectedAt = v;
                    // The rejection outranks a payment failure, so its reason is the one to show.
                    saga.FailureReason = e.Payload.Reason;
                })),
            Handle(InventoryReleasedEvent, OrderSagaStatus.InventoryReserved, static (saga, e) =>
            {
                // A release proves a reservation existed; the compensation itself is a flag, not a state.
                saga.StockReleased = true;
                return Set(saga.StockReleasedAt, e.OccurredAt, v => saga.StockReleasedAt = v);
            }, noteWhenKept: SagaTransitionNotes.Compensation),
            Handle(PaymentAuthorizedEvent, OrderSagaStatus.PaymentAuthorized, static (saga, e) =>
                Set(saga.PaymentAuthorizedAt, e.OccurredAt, v => saga.PaymentAuthorizedAt = v)),
            Handle(PaymentFailedEvent, OrderSagaStatus.PaymentFailed, static (saga, e) =>
                Set(saga.PaymentFailedAt, e.OccurredAt, v =>
                {
                    saga.PaymentFailedAt = v;
                    if (saga.InventoryRejectedAt is null)
                    {
                        saga.FailureReason = e.Payload.Reason;
                    }
                })),
            Handle(DeliveryAssignedEvent, OrderSagaStatus.DeliveryAssigned, static (saga, e) =>
                Set(saga.DeliveryAssignedAt, e.OccurredAt, v => saga.DeliveryAssignedAt = v)
                | SetEta(saga, 0, e.Payload.EstimatedArrival)),
            // An ETA update proves the delivery is assigned; on its own it is only a newer ETA (no history entry).
            Handle(EtaUpdatedEvent, OrderSagaStatus.DeliveryAssigned, static (saga, e) =>
                SetEta(saga, e.Payload.Sequence, e.Payload.EstimatedArrival), historyOnTransitionOnly: true),
            Handle(DeliveryCompletedEvent, OrderSagaStatus.Delivered, static (saga, e) =>
                Set(saga.DeliveredAt, e.OccurredAt, v => saga.DeliveredAt = v)),
            // Confirmation and invoice are milestones, not states: a confirmed (and so an invoiced) order has its payment
            // authorized, which is all they prove about where the order is.
            Handle(OrderConfirmedEvent, OrderSagaStatus.PaymentAuthorized, static (saga, e) =>
                Set(saga.OrderConfirmedAt, e.OccurredAt, v => saga.OrderConfirmedAt = v)),
            Handle(InvoiceIssuedEvent, OrderSagaStatus.PaymentAuthorized, static (saga, e) =>
                Set(saga.InvoiceIssuedAt, e.OccurredAt, v =>
                {
                    saga.InvoiceIssuedAt = v;
                    saga.InvoiceNumber = e.Payload.InvoiceNumber;
                })),

            // Compensation (decision 0019). The cancel request proves only that the order exists; delivery-service's
            // verdict is what ends it. A refund or a credit note proves the payment that it gives back.
            Handle(OrderCancelledEvent, OrderSagaStatus.Created, static (saga, e) =>
                Set(saga.CancelRequestedAt, e.OccurredAt, v =>
                {
                    saga.CancelRequestedAt = v;
                    saga.CancelReason = e.Payload.Reason;
                }), noteWhenKept: SagaTransitionNotes.CancelRequested),
            Handle(DeliveryCancelledEvent, OrderSagaStatus.Cancelled, static (saga, e) =>
                Set(saga.CancelledAt, e.OccurredAt, v => saga.CancelledAt = v)),
            Handle(DeliveryFailedEvent, OrderSagaStatus.DeliveryFailed, static (saga, e) =>
                Set(saga.DeliveryFailedAt, e.OccurredAt, v =>
                {
                    saga.DeliveryFailedAt = v;
                    saga.FailureReason = e.Payload.Reason;
                })),
            Handle(PaymentRefundedEvent, OrderSagaStatus.PaymentAuthorized, static (saga, e) =>
                Set(saga.PaymentRefundedAt, e.OccurredAt, v =>
                {
                    saga.PaymentRefundedAt = v;
                    saga.RefundId = e.Payload.RefundId;
                }), noteWhenKept: SagaTransitionNotes.Compensation),
            Handle(InvoiceCreditedEvent, OrderSagaStatus.PaymentAuthorized, static (saga, e) =>
                Set(saga.InvoiceCreditedAt, e.OccurredAt, v =>
                {
                    saga.InvoiceCreditedAt = v;
                    saga.CreditNoteNumber = e.Payload.CreditNoteNumber;
                }), noteWhenKept: SagaTransitionNotes.Compensation),
        ];

        // Any event may be the first one seen for an order (payment.authorized before order.created), so every event
        // can create the instance, and every event is handled in every state.
        Initially(handlers);
        DuringAny(handlers);
    }

    public State Created => _created;

    public State InventoryReserved => _inventoryReserved;

    public State PaymentAuthorized => _paymentAuthorized;

    public State DeliveryAssigned => _deliveryAssigned;

    public State Delivered => _delivered;

    public State InventoryRejected => _inventoryRejected;

    public State PaymentFailed => _paymentFailed;

    public State DeliveryFailed => _deliveryFailed;

    public State Cancelled => _cancelled;

    public Event<EventEnvelope<OrderCreated>> OrderCreatedEvent { get; private set; } = null!;

    public Event<EventEnvelope<InventoryReserved>> InventoryReservedEvent { get; private set; } = null!;

    public Event<EventEnvelope<InventoryRejected>> InventoryRejectedEvent { get; private set; } = null!;

    public Event<EventEnvelope<InventoryReleased>> InventoryReleasedEvent { get; private set; } = null!;

    public Event<EventEnvelope<PaymentAuthorized>> PaymentAuthorizedEvent { get; private set; } = null!;

    public Event<EventEnvelope<PaymentFailed>> PaymentFailedEvent { get; private set; } = null!;

    public Event<EventEnvelope<DeliveryAssigned>> DeliveryAssignedEvent { get; private set; } = null!;

    public Event<EventEnvelope<EtaUpdated>> EtaUpdatedEvent { get; private set; } = null!;

    public Event<EventEnvelope<DeliveryCompleted>> DeliveryCompletedEvent { get; private set; } = null!;

    public Event<EventEnvelope<OrderConfirmed>> OrderConfirmedEvent { get; private set; } = null!;

    public Event<EventEnvelope<InvoiceIssued>> InvoiceIssuedEvent { get; private set; } = null!;

    public Event<EventEnvelope<OrderCancelled>> OrderCancelledEvent { get; private set; } = null!;

    public Event<EventEnvelope<DeliveryCancelled>> DeliveryCancelledEvent { get; private set; } = null!;

    public Event<EventEnvelope<DeliveryFailed>> DeliveryFailedEvent { get; private set; } = null!;

    public Event<EventEnvelope<PaymentRefunded>> PaymentRefundedEvent { get; private set; } = null!;

    public Event<EventEnvelope<InvoiceCredited>> InvoiceCreditedEvent { get; private set; } = null!;

    private void Correlate<TPayload>(Expression<Func<Event<EventEnvelope<TPayload>>>> property)
        where TPayload : class =>
        Event(property, e =>
        {
            e.CorrelateById(context => OrderSagaId.From(context.Message.OrderId));
            e.SetSagaFactory(context =>
            {
                var now = _clock.GetUtcNow();
                return new OrderState
                {
                    CorrelationId = OrderSagaId.From(context.Message.OrderId),
                    OrderId = context.Message.OrderId,
                    CreatedAt = now,
                    UpdatedAt = now,
                    StateEnteredAt = now,
                };
            });
        });

    private EventActivityBinder<OrderState, EventEnvelope<TPayload>> Handle<TPayload>(
        Event<EventEnvelope<TPayload>> @event,
        string proves,
        Func<OrderState, EventEnvelope<TPayload>, bool> recordFacts,
        bool historyOnTransitionOnly = false,
        string? noteWhenKept = null)
        where TPayload : class =>
        When(@event).ThenAsync(context =>
        {
            var envelope = context.Message;
            var target = OrderLifecycle.Apply(
                context.Saga, envelope, proves, saga => recordFacts(saga, envelope), _clock.GetUtcNow(), historyOnTransitionOnly, noteWhenKept);
            return target is null ? Task.CompletedTask : context.TransitionToState(GetState(target));
        });

    /// <summary>Keeps the earliest occurrence of a milestone; true when it changed.</summary>
    private static bool Set(DateTimeOffset? current, DateTimeOffset occurredAt, Action<DateTimeOffset> assign)
    {
        var earliest = OrderLifecycle.Earliest(current, occurredAt);
        if (earliest == current)
        {
            return false;
        }

        assign(earliest!.Value);
        return true;
    }

    /// <summary>Keeps the ETA of the highest sequence, so ETA updates converge whatever their order.</summary>
    private static bool SetEta(OrderState saga, int sequence, DateTimeOffset estimatedArrival)
    {
        if (saga.EtaSequence is { } known && known >= sequence)
        {
            return false;
        }

        saga.EtaSequence = sequence;
        saga.EstimatedArrival = estimatedArrival;
        return true;
    }
}
