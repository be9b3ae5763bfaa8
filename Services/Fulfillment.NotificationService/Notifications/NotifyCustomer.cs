using Fulfillment.Messages;
using MassTransit;

namespace Fulfillment.NotificationService.Notifications;

/// <summary>
/// The five events that each call for one email. The confirmation waits for <c>invoice.issued</c>, so that it carries
/// the invoice number (docs/decisions/0018); <c>order.confirmed</c> itself only tells the address (<see cref="Recipients.LearnRecipient"/>).
/// </summary>
public sealed class NotifyCustomer(CustomerNotifier notifier) :
    IConsumer<EventEnvelope<InvoiceIssued>>,
    IConsumer<EventEnvelope<DeliveryAssigned>>,
    IConsumer<EventEnvelope<DeliveryCompleted>>,
    IConsumer<EventEnvelope<InventoryRejected>>,
    IConsumer<EventEnvelope<PaymentFailed>>
{
    public Task Consume(ConsumeContext<EventEnvelope<InvoiceIssued>> context) =>
        notifier.NotifyAsync(context, NotificationKinds.OrderConfirmed, EmailTemplates.OrderConfirmed);

    public Task Consume(ConsumeContext<EventEnvelope<DeliveryAssigned>> context) =>
        notifier.NotifyAsync(context, NotificationKinds.DriverAssigned, EmailTemplates.DriverAssigned);

    public Task Consume(ConsumeContext<EventEnvelope<DeliveryCompleted>> context) =>
        notifier.NotifyAsync(context, NotificationKinds.Delivered, EmailTemplates.Delivered);

    public Task Consume(ConsumeContext<EventEnvelope<InventoryRejected>> context) =>
        notifier.NotifyAsync(context, NotificationKinds.Rejected, EmailTemplates.Rejected);

    public Task Consume(ConsumeContext<EventEnvelope<PaymentFailed>> context) =>
        notifier.NotifyAsync(context, NotificationKinds.PaymentFailed, EmailTemplates.PaymentFailed);
}
