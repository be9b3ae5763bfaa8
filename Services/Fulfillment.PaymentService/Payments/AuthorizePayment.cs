using Fulfillment.Messages;
using Fulfillment.PaymentService.Gateway;
using Fulfillment.PaymentService.Persistence;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace Fulfillment.PaymentService.Payments;

/// <summary>
/// <c>inventory.reserved</c> → one authorization at the gateway → <c>payment.authorized</c> or <c>payment.failed</c>.
/// At most one payment per order: a second <c>inventory.reserved</c> for the same order charges nothing and emits
/// nothing. inventory.rejected and inventory.released are not payment's business and are not consumed.
/// </summary>
public sealed class AuthorizePayment(
    PaymentDbContext db,
    IPaymentGateway gateway,
    TimeProvider clock,
    ILogger<AuthorizePayment> logger) : IConsumer<EventEnvelope<InventoryReserved>>
{
    public async Task Consume(ConsumeContext<EventEnvelope<InventoryReserved>> context)
    {
        var envelope = context.Message;
        var reserved = envelope.Payload;
        var cancellationToken = context.CancellationToken;

        // The inbox stops a redelivered event; this stops a second reservation event for the order. The unique
        // order_id is the safety net behind both.
        // Payments of this unit of work are not saved yet: look at them too, or a duplicate in the same batch would
        // reach the gateway a second time.
        if (db.Payments.Local.Any(p => p.OrderId == envelope.OrderId)
            || await db.Payments.AnyAsync(p => p.OrderId == envelope.OrderId, cancellationToken))
        {
            Log.PaymentAlreadyMade(logger, envelope.OrderId, envelope.EventId);
            return;
        }

        // A GatewayUnavailableException leaves before anything is written: the record is retried whole.
        var result = await gateway.AuthorizeAsync(
            new AuthorizationRequest(envelope.OrderId, reserved.CustomerId, reserved.Amount, reserved.Currency),
            cancellationToken);

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
            Log.PaymentDeclined(logger, envelope.OrderId, payment.PaymentId, result.DeclineReason!);
        }
    }
}
