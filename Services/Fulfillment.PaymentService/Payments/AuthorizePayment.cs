using Fulfillment.Messages;
using Fulfillment.PaymentService.Gateway;
using Fulfillment.PaymentService.Persistence;
using MassTransit;

namespace Fulfillment.PaymentService.Payments;

/// <summary>
/// <c>inventory.reserved</c> → one authorization at the gateway → <c>payment.authorized</c> or <c>payment.failed</c>.
/// At most one payment per order: a second <c>inventory.reserved</c> for the same order charges nothing and emits
/// nothing. An order cancelled before its reservation came is declined (<c>payment.failed</c>, reason
/// <c>order cancelled</c>) without a gateway call (decision 0019). inventory.rejected and inventory.released are not
/// payment's business and are not consumed.
/// </summary>
public sealed class AuthorizePayment(
    PaymentDbContext db,
    OrderPayments payments,
    IPaymentGateway gateway,
    TimeProvider clock,
    ILogger<AuthorizePayment> logger) : IConsumer<EventEnvelope<InventoryReserved>>
{
    public async Task Consume(ConsumeContext<EventEnvelope<InventoryReserved>> context)
    {
        var envelope = context.Message;
        var reserved = envelope.Payload;
        var cancellationToken = context.CancellationToken;

        // The inbox stops a redelivered event; this stops a second reservation event for the order (also one earlier
        // in the same batch, not saved yet). The unique order_id is the safety net behind both.
        if (await payments.PaymentOfAsync(envelope.OrderId, cancellationToken) is not null)
        {
            Log.PaymentAlreadyMade(logger, envelope.OrderId, envelope.EventId);
            return;
        }

        // A cancelled order is never authorized: there would be nothing to refund it against once delivery-service
        // has cancelled it. A GatewayUnavailableException leaves before anything is written: the record is retried whole.
        var cancelled = await payments.CancellationOfAsync(envelope.OrderId, cancellationToken);
        var result = cancelled is null
            ? await gateway.AuthorizeAsync(
                new AuthorizationRequest(envelope.OrderId, reserved.CustomerId, reserved.Amount, reserved.Currency),
                cancellationToken)
            : AuthorizationResult.Decline(cancelled.Reason);

        var now = clock.GetUtcNow();
        var payment = new Payment
        {
            PaymentId = Guid.CreateVersion7(now),
            OrderId = envelope.OrderId,
            ReservationId = reserved.ReservationId,
            CustomerId = reserved.CustomerId,
            Amount = reserved.Amount,
            Currency = reserved.Currency,
            Status = result.Approved ? PaymentStatus.Authorized : PaymentStatus.Declined,
            AuthCode = result.AuthCode,
            DeclineReason = result.DeclineReason,
            SourceEventId = envelope.EventId,
            CreatedAt = now,
        };
        db.Payments.Add(payment);

        var paymentId = payment.PaymentId.ToString();
        if (result.Approved)
        {
            await context.Publish(
                new PaymentAuthorized(paymentId, reserved.Amount, reserved.Currency, result.AuthCode!, reserved.DeliveryAddress),
                cancellationToken);
            Log.PaymentAuthorized(logger, envelope.OrderId, payment.PaymentId, reserved.Amount, reserved.Currency);
        }
        else
        {
            await context.Publish(
                new PaymentFailed(paymentId, reserved.Amount, reserved.Currency, result.DeclineReason!),
                cancellationToken);
            if (cancelled is null)
            {
                Log.PaymentDeclined(logger, envelope.OrderId, payment.PaymentId, result.DeclineReason!);
            }
            else
            {
                Log.CancelledOrderDeclined(logger, envelope.OrderId, payment.PaymentId, cancelled.Reason);
            }
        }
    }
}
