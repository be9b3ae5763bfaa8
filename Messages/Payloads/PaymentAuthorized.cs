namespace Fulfillment.Messages;

/// <summary><c>payment.authorized</c>: the gateway approved the amount.</summary>
public sealed record PaymentAuthorized(
    string PaymentId,
    decimal Amount,
    string Currency,
    string AuthCode,
    GeoPoint DeliveryAddress);
