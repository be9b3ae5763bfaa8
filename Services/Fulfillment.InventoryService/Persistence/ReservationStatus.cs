namespace Fulfillment.InventoryService.Persistence;

public enum ReservationStatus
{
    /// <summary>Every line is held.</summary>
    Reserved,

    /// <summary>Some line could not be held; nothing was taken.</summary>
    Rejected,

    /// <summary>Was reserved; the stock went back after the payment failed.</summary>
    Released,

    /// <summary>
    /// The payment failure arrived before the order (only on a replay): nothing was held, and the order, if it comes,
    /// must not take stock that nobody would give back.
    /// </summary>
    Cancelled,
}
