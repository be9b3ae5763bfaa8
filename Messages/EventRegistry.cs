using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;

namespace Fulfillment.Messages;

/// <summary>The one mapping eventType ↔ payload type ↔ topic. Adding an event means adding a line here.</summary>
public static class EventRegistry
{
    public static IReadOnlyList<EventDescriptor> All { get; } =
    [
        EventDescriptor.Create<OrderCreated>(EventTypes.OrderCreated, Topics.OrderEvents),
        EventDescriptor.Create<OrderConfirmed>(EventTypes.OrderConfirmed, Topics.OrderEvents),
        EventDescriptor.Create<OrderCancelled>(EventTypes.OrderCancelled, Topics.OrderEvents),
        EventDescriptor.Create<InventoryReserved>(EventTypes.InventoryReserved, Topics.InventoryEvents),
        EventDescriptor.Create<InventoryRejected>(EventTypes.InventoryRejected, Topics.InventoryEvents),
        EventDescriptor.Create<InventoryReleased>(EventTypes.InventoryReleased, Topics.InventoryEvents),
        EventDescriptor.Create<PaymentAuthorized>(EventTypes.PaymentAuthorized, Topics.PaymentEvents),
        EventDescriptor.Create<PaymentFailed>(EventTypes.PaymentFailed, Topics.PaymentEvents),
        EventDescriptor.Create<PaymentRefunded>(EventTypes.PaymentRefunded, Topics.PaymentEvents),
        EventDescriptor.Create<DeliveryAssigned>(EventTypes.DeliveryAssigned, Topics.DeliveryEvents),
        EventDescriptor.Create<EtaUpdated>(EventTypes.EtaUpdated, Topics.DeliveryEvents),
        EventDescriptor.Create<DeliveryCompleted>(EventTypes.DeliveryCompleted, Topics.DeliveryEvents),
        EventDescriptor.Create<DeliveryCancelled>(EventTypes.DeliveryCancelled, Topics.DeliveryEvents),
        EventDescriptor.Create<DeliveryFailed>(EventTypes.DeliveryFailed, Topics.DeliveryEvents),
        EventDescriptor.Create<InvoiceIssued>(EventTypes.InvoiceIssued, Topics.InvoiceEvents),
        EventDescriptor.Create<InvoiceCredited>(EventTypes.InvoiceCredited, Topics.InvoiceEvents),
        EventDescriptor.Create<NotificationSent>(EventTypes.NotificationSent, Topics.NotificationEvents),
    ];

    private static readonly FrozenDictionary<string, EventDescriptor> ByEventType =
        All.ToFrozenDictionary(d => d.EventType, StringComparer.Ordinal);

    private static readonly FrozenDictionary<Type, EventDescriptor> ByPayloadType =
        All.ToFrozenDictionary(d => d.PayloadType);

    public static bool TryGet(string eventType, [NotNullWhen(true)] out EventDescriptor? descriptor) =>
        ByEventType.TryGetValue(eventType, out descriptor);

    public static bool TryGet(Type payloadType, [NotNullWhen(true)] out EventDescriptor? descriptor) =>
        ByPayloadType.TryGetValue(payloadType, out descriptor);

    public static EventDescriptor For<TPayload>()
        where TPayload : class => For(typeof(TPayload));

    public static EventDescriptor For(Type payloadType) =>
        TryGet(payloadType, out var descriptor)
            ? descriptor
            : throw new ArgumentException($"{payloadType.FullName} is not a registered event payload.", nameof(payloadType));
}
