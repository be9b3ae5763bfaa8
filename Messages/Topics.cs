namespace Fulfillment.Messages;

/// <summary>Topic names (docs/topics.md). Every lifecycle record is keyed by its orderId.</summary>
public static class Topics
{
    public const string OrderEvents = "raw.order-events";
    public const string InventoryEvents = "raw.inventory-events";
    public const string PaymentEvents = "raw.payment-events";
    public const string DeliveryEvents = "raw.delivery-events";
    public const string InvoiceEvents = "raw.invoice-events";
    public const string NotificationEvents = "raw.notification-events";

    public const string OrderDeadLetters = "dlq.order-events";
    public const string InventoryDeadLetters = "dlq.inventory-events";
    public const string PaymentDeadLetters = "dlq.payment-events";
    public const string DeliveryDeadLetters = "dlq.delivery-events";
    public const string InvoiceDeadLetters = "dlq.invoice-events";
    public const string NotificationDeadLetters = "dlq.notification-events";

    private const string RawPrefix = "raw.";
    private const string DeadLetterPrefix = "dlq.";

    public static IReadOnlyList<string> Raw { get; } = [OrderEvents, InventoryEvents, PaymentEvents, DeliveryEvents, InvoiceEvents, NotificationEvents];

    public static IReadOnlyList<string> DeadLetter { get; } =
        [
            OrderDeadLetters, InventoryDeadLetters, PaymentDeadLetters, DeliveryDeadLetters, InvoiceDeadLetters,
            NotificationDeadLetters,
        ];

    public static IReadOnlyList<string> All { get; } = [.. Raw, .. DeadLetter];

    /// <summary>The dead-letter topic of a main topic: a record that fails in any consumer of raw.X goes to dlq.X.</summary>
    public static string DeadLetterFor(string topic)
    {
        ArgumentException.ThrowIfNullOrEmpty(topic);
        return topic.StartsWith(RawPrefix, StringComparison.Ordinal)
            ? string.Concat(DeadLetterPrefix, topic.AsSpan(RawPrefix.Length))
            : DeadLetterPrefix + topic;
    }
}
