namespace Fulfillment.NotificationService.Persistence;

/// <summary>A row of <c>recipients</c>: where an order's emails go; <see cref="Email"/> null when the customer gave none.</summary>
public sealed class Recipient
{
    public required string OrderId { get; set; }

    public string? Email { get; set; }

    /// <summary>The order.created or order.confirmed event the address came from.</summary>
    public Guid SourceEventId { get; set; }

    public DateTimeOffset LearnedAt { get; set; }
}
