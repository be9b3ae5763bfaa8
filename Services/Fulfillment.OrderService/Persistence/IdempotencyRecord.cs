namespace Fulfillment.OrderService.Persistence;

/// <summary>A row of <c>idempotency_keys</c>: which order a key created, and a hash of the request that created it.</summary>
public sealed class IdempotencyRecord
{
    public required string Key { get; set; }

    public required string RequestHash { get; set; }

    public Guid OrderId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
