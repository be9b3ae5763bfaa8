using Fulfillment.Messages;
using MassTransit;

namespace Fulfillment.NotificationService.Notifications;

/// <summary>
/// The seven events that each call for one email. The confirmation waits for <c>invoice.issued</c>, so that it carries
/// the invoice number (docs/decisions/0018); <c>order.confirmed</c> itself only tells the address (<see cref="Recipients.LearnRecipient"/>).
/// </summary>
public sealed class NotifyCustomer(CustomerNotifier notifier) :
    IConsumer<EventEnvelope<InvoiceIssued>>,
    IConsumer<EventEnvelope<DeliveryAssigned>>,
    IConsumer<EventEnvelope<DeliveryCompleted>>,
    IConsumer<EventEnvelope<InventoryRejected>>,
    IConsumer<EventEnvelope<PaymentFailed>>,
    IConsumer<EventEnvelope<DeliveryCancelled>>,
    IConsumer<EventEnvelope<DeliveryFailed>>
{
    public Task Consume(ConsumeContext<EventEnvelope<InvoiceIssued>> context) =>
        notifier.NotifyAsync(context, NotificationKinds.OrderConfirmed, EmailTemplates.OrderConfirmed);

    public Task Consume(ConsumeContext<EventEnvelope<DeliveryAssigned>> context) =>
        notifier.NotifyAsync(context, NotificationKinds.DriverAssigned, EmailTemplates.DriverAssigned);

    public Task Consume(ConsumeContext<EventEnvelope<DeliveryCompleted>> context) =>
        notifier.NotifyAsync(context, NotificationKinds.Delivered, EmailTemplates.Delivered);

    public Task Consume(ConsumeContext<EventEnvelope<InventoryRejected>> context) =>
        notifier.NotifyAsync(context, NotificationKinds.Rejected, EmailTemplates.Rejected);

    // A decline because the customer had cancelled is not news to them: the cancellation email tells the outcome.
    public Task Consume(ConsumeContext<EventEnvelope<PaymentFailed>> context) =>
        context.Message.Payload.Reason == CompensationReasons.OrderCancelled
            ? Task.CompletedTask
            : notifier.NotifyAsync(context, NotificationKinds.PaymentFailed, EmailTemplates.PaymentFailed);

    public Task Consume(ConsumeContext<EventEnvelope<DeliveryCancelled>> context) =>
        notifier.NotifyAsync(context, NotificationKinds.Cancelled, EmailTemplates.Cancelled);

    public Task Consume(ConsumeContext<EventEnvelope<DeliveryFailed>> context) =>
        notifier.NotifyAsync(context, NotificationKinds.DeliveryFailed, EmailTemplates.DeliveryFailed);
}
