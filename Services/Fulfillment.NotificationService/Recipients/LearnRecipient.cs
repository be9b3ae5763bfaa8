using Fulfillment.Messages;
using Fulfillment.NotificationService.Notifications;
using MassTransit;

namespace Fulfillment.NotificationService.Recipients;

/// <summary>
/// <c>order.created</c> and <c>order.confirmed</c> carry the customer's address (or none): remembered per order, and
/// whatever email came before it is sent now.
/// </summary>
public sealed class LearnRecipient(CustomerNotifier notifier) :
    IConsumer<EventEnvelope<OrderCreated>>,
    IConsumer<EventEnvelope<OrderConfirmed>>
{
    public Task Consume(ConsumeContext<EventEnvelope<OrderCreated>> context) =>
        notifier.RecipientKnownAsync(context, context.Message, context.Message.Payload.CustomerEmail);

    public Task Consume(ConsumeContext<EventEnvelope<OrderConfirmed>> context) =>
        notifier.RecipientKnownAsync(context, context.Message, context.Message.Payload.CustomerEmail);
}
