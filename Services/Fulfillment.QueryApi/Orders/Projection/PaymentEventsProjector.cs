using Fulfillment.Messages;
using MassTransit;

namespace Fulfillment.QueryApi.Orders.Projection;

/// <summary>Projects <c>raw.payment-events</c>: authorization or failure, and the refund of an authorization.</summary>
public sealed class PaymentEventsProjector(OrderProjection projection) :
    IConsumer<EventEnvelope<PaymentAuthorized>>,
    IConsumer<EventEnvelope<PaymentFailed>>,
    IConsumer<EventEnvelope<PaymentRefunded>>
{
    public Task Consume(ConsumeContext<EventEnvelope<PaymentAuthorized>> context)
    {
        var authorized = context.Message;
        var payment = authorized.Payload;
        return projection.ApplyAsync(
            new OrderFacts(authorized, OrderStatus.PaymentAuthorized)
            {
                PaymentId = payment.PaymentId,
                PaymentAuthCode = payment.AuthCode,
                Total = payment.Amount,
                Currency = payment.Currency,
                DeliveryAddress = payment.DeliveryAddress,
                PaymentAuthorizedAt = authorized.OccurredAt,
            },
            context.CancellationToken);
    }

    public Task Consume(ConsumeContext<EventEnvelope<PaymentFailed>> context)
    {
        var failed = context.Message;
        var payment = failed.Payload;
        return projection.ApplyAsync(
            new OrderFacts(failed, OrderStatus.PaymentFailed)
            {
                PaymentId = payment.PaymentId,
                PaymentFailureReason = payment.Reason,
                Total = payment.Amount,
                Currency = payment.Currency,
                PaymentFailedAt = failed.OccurredAt,
            },
            context.CancellationToken);
    }

    public Task Consume(ConsumeContext<EventEnvelope<PaymentRefunded>> context)
    {
        // Only an authorized payment is refunded, so a refund proves PAYMENT_AUTHORIZED.
        var refunded = context.Message;
        var refund = refunded.Payload;
        return projection.ApplyAsync(
            new OrderFacts(refunded, OrderStatus.PaymentAuthorized)
            {
                PaymentId = refund.PaymentId,
                RefundId = refund.RefundId,
                PaymentRefundedAt = refunded.OccurredAt,
            },
            context.CancellationToken);
    }
}
