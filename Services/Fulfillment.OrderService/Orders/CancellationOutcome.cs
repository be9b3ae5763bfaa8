namespace Fulfillment.OrderService.Orders;

public enum CancellationOutcome
{
    /// <summary>The request is recorded and order.cancelled is in the outbox, in one transaction.</summary>
    Accepted,

    /// <summary>The cancel was already requested (or the order is already CANCELLED): nothing new written.</summary>
    Repeated,

    /// <summary>The order is out for delivery or final: refused, nothing written.</summary>
    TooLate,

    /// <summary>The order is another customer's: refused, nothing written.</summary>
    Forbidden,

    /// <summary>No such order.</summary>
    NotFound,
}
