using Fulfillment.Messages;
using Fulfillment.PaymentService.Gateway;
using Fulfillment.PaymentService.Persistence;
using MassTransit;

namespace Fulfillment.PaymentService.Payments;

/// <summary>
/// payment-service's rows of decision 0019. <c>order.cancelled</c> is a request that may lose the race with a driver:
/// before a payment it is remembered (the order will be declined, never authorized), after one nothing is done until
/// delivery-service's verdict. <c>delivery.cancelled</c> and <c>delivery.failed</c> are the verdict: an authorized
/// payment is refunded whole through the gateway, once (<c>payment.refunded</c>); before a payment the cancellation is
/// remembered as above; a declined or already refunded payment gives nothing more.
/// </summary>
public sealed class CompensatePayment(
    OrderPayments payments,
    IPaymentGateway gateway,
    TimeProvider clock,
    ILogger<CompensatePayment> logger)
    : IConsumer<EventEnvelope<OrderCancelled>>, IConsumer<EventEnvelope<DeliveryCancelled>>, IConsumer<EventEnvelope<DeliveryFailed>>
{
    public async Task Consume(ConsumeContext<EventEnvelope<OrderCancelled>> context)
    {
        var envelope = context.Message;
        var payment = await payments.PaymentOfAsync(envelope.OrderId, context.CancellationToken);
        if (payment is null)
        {
            await payments.RememberCancellationAsync(envelope, RefundReasons.OrderCancelled, context.CancellationToken);
            Log.CancellationRemembered(logger, envelope.OrderId, envelope.EventType);
        }
        else
        {
            // Authorized: a driver may already be on the way; delivery-service's verdict decides whether to refund.
            Log.CancellationAwaitsVerdict(logger, envelope.OrderId, PaymentStatusText.Format(payment.Status));
        }
    }

    public Task Consume(ConsumeContext<EventEnvelope<DeliveryCancelled>> context) =>
        SettleAsync(context, context.Message, RefundReasons.OrderCancelled);

    public Task Consume(ConsumeContext<EventEnvelope<DeliveryFailed>> context) =>
        SettleAsync(context, context.Message, RefundReasons.DeliveryFailed);

    private async Task SettleAsync(ConsumeContext context, IEventEnvelope verdict, string reason)
    {
        var cancellationToken = context.CancellationToken;
        var payment = await payments.PaymentOfAsync(verdict.OrderId, cancellationToken);
        if (payment is null)
        {
            await payments.RememberCancellationAsync(verdict, reason, cancellationToken);
            Log.CancellationRemembered(logger, verdict.OrderId, verdict.EventType);
            return;
        }

        if (payment.Status != PaymentStatus.Authorized)
        {
            Log.NothingToRefund(logger, verdict.OrderId, payment.PaymentId, PaymentStatusText.Format(payment.Status));
            return;
        }

        // Keyed by the payment: if this unit of work rolls back after the gateway answered, the retry gets the same
        // refund back, not a second one. A RefundUnavailableException leaves before anything is written.
        var paymentId = payment.PaymentId.ToString();
        var refund = await gateway.RefundAsync(new RefundRequest(paymentId, payment.AuthCode!, payment.Amount, payment.Currency), cancellationToken);
        payment.Status = PaymentStatus.Refunded;
        payment.RefundId = refund.RefundId;
        payment.RefundReason = reason;
        payment.RefundedAt = clock.GetUtcNow();

        await context.Publish(new PaymentRefunded(refund.RefundId, paymentId, payment.Amount, payment.Currency, reason), cancellationToken);
        Log.PaymentRefunded(logger, verdict.OrderId, payment.PaymentId, refund.RefundId, payment.Amount, payment.Currency, reason);
    }
}
