namespace Fulfillment.PaymentService.Persistence;

public enum PaymentStatus
{
    Authorized,
    Declined,

    /// <summary>Was authorized; the whole amount went back through the gateway (decision 0019).</summary>
    Refunded,
}
