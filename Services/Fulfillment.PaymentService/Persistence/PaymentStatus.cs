namespace Fulfillment.PaymentService.Persistence;

public enum PaymentStatus
{
    Authorized,
    Declined,
}
