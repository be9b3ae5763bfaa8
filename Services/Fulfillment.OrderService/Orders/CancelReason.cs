namespace Fulfillment.OrderService.Orders;

/// <summary>The reason a customer gives for cancelling: optional text that travels in order.cancelled and delivery.cancelled.</summary>
public static class CancelReason
{
    /// <summary>The reason when the customer gives none (docs/event-contracts.md).</summary>
    public const string Default = "cancelled by the customer";

    /// <summary>The column is varchar(256).</summary>
    public const int MaxLength = 256;

    /// <summary>Null when <paramref name="value"/> will do, otherwise why not (for the field error).</summary>
    public static string? Problem(string value) =>
        string.IsNullOrWhiteSpace(value) ? "reason must not be empty; leave it out for the default one."
        : value.Length > MaxLength ? $"reason must be at most {MaxLength} characters."
        : value.Any(char.IsControl) ? "reason must not contain control characters."
        : null;
}
