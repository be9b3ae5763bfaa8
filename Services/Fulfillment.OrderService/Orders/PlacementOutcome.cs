namespace Fulfillment.OrderService.Orders;

public enum PlacementOutcome
{
    /// <summary>A new order was stored with its order.created event.</summary>
    Created,

    /// <summary>The Idempotency-Key was seen with the same request: the original order, nothing new written.</summary>
    Replayed,

    /// <summary>The Idempotency-Key was seen with a different request: refused, nothing written.</summary>
    KeyReused,
}
