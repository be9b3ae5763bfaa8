namespace Fulfillment.PaymentService.Payments;

public sealed record PaymentResponse(
    string PaymentId,
    string OrderId,
    string ReservationId,
    string CustomerId,
    decimal Amount,
    string Currency,
    string Status,
    string? AuthCode,
    string? DeclineReason,
    DateTimeOffset CreatedAt,
    string? RefundId,
    string? RefundReason,
    DateTimeOffset? RefundedAt);
