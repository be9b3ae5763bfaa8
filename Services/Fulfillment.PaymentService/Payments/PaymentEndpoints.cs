using Fulfillment.PaymentService.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Fulfillment.PaymentService.Payments;

/// <summary>Read-only inspection of the payment made for an order.</summary>
public static class PaymentEndpoints
{
    public static IEndpointRouteBuilder MapPaymentEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGroup("/api/payments").WithTags("Payments").MapGet("/{orderId}", GetAsync)
            .WithName("GetPayment")
            .WithSummary("Get an order's payment")
            .WithDescription("The payment attempted for the order once its stock was reserved: amount, status (authorized, declined or refunded), the gateway's authorization code or decline reason, and the refund (id, reason, time) once the order was cancelled or its delivery failed.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return endpoints;
    }

    public static async Task<Results<Ok<PaymentResponse>, ProblemHttpResult>> GetAsync(
        string orderId, PaymentDbContext db, CancellationToken cancellationToken)
    {
        var payment = await db.Payments.AsNoTracking().SingleOrDefaultAsync(p => p.OrderId == orderId, cancellationToken);
        if (payment is null)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status404NotFound,
                title: "Unknown order",
                detail: $"No payment exists for order '{orderId}'.");
        }

        return TypedResults.Ok(new PaymentResponse(
            payment.PaymentId.ToString(),
            payment.OrderId,
            payment.ReservationId,
            payment.CustomerId,
            payment.Amount,
            payment.Currency,
            PaymentStatusText.Format(payment.Status),
            payment.AuthCode,
            payment.DeclineReason,
            payment.CreatedAt,
            payment.RefundId,
            payment.RefundReason,
            payment.RefundedAt));
    }
}
