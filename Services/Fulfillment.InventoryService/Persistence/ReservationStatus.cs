namespace Fulfillment.InventoryService.Persistence;

public enum ReservationStatus
{
    /// <summary>Every line is held.</summary>
    Reserved,

    /// <summary>Some line could not be held; nothing was taken.</summary>
    Rejected,

    /// <summary>Was reserved; the stock went back after the payment failed, the order was cancelled or its delivery failed.</summary>
    Released,

    /// <summary>
    /// A cancellation (order.cancelled, delivery.cancelled, delivery.failed, or a payment failure on a replay) arrived
    /// before the allocation decision: nothing was held, and the order, if it comes, must not take stock that nobody
    /// would give back.
    /// </summary>
    Cancelled,
}
