using Fulfillment.Messages;
using Fulfillment.Messaging.Persistence;
using Fulfillment.NotificationService.Persistence;
using Fulfillment.NotificationService.Smtp;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Fulfillment.NotificationService.Notifications;

/// <summary>
/// The decisions behind every email, inside the consumer host's unit of work: at most one row per (order, kind); sent
/// when the order's address is known, recorded as <c>no-recipient</c> when the order has none, kept as
/// <c>awaiting-recipient</c> when the event came before the address and sent when it arrives. Each decision first takes the order's lock, so two instances (or a rebalance overlap)
/// handling two events of one order can never both see "not sent yet" or miss each other's waiting email. In a batch,
/// <see cref="NotificationBatchPreparer"/> has taken the locks and loaded the orders already (<see cref="LoadedOrders"/>),
/// and what is tracked answers every question; a replay of a failed batch sends nothing twice (<see cref="AcceptedMessageIds"/>).
/// </summary>
public sealed class CustomerNotifier(
    NotificationDbContext db,
    OrderLocks locks,
    LoadedOrders loaded,
    SmtpMailer mailer,
    IOptions<SmtpOptions> smtp,
    TimeProvider clock,
    ILogger<CustomerNotifier> logger)
{
    private readonly MailboxAddress _from = MailboxAddress.Parse(smtp.Value.From);

    /// <summary>The email of <paramref name="kind"/> that the consumed event calls for, its text from <paramref name="render"/>.</summary>
    public async Task NotifyAsync<TPayload>(
        ConsumeContext<EventEnvelope<TPayload>> context, string kind, Func<string, TPayload, EmailContent> render)
        where TPayload : notnull
    {
        var envelope = context.Message;
        var orderId = envelope.OrderId;
        var cancellationToken = context.CancellationToken;
        await locks.LockAsync(orderId, cancellationToken);

        // The inbox stops a redelivered event; this stops a second event of the same kind for the order (a re-sent
        // delivery.assigned, a replayed dead letter). The UNIQUE (order_id, kind) is the safety net behind both.
        if (db.Notifications.Local.Any(n => n.OrderId == orderId && n.Kind == kind)
            || (!loaded.Contains(orderId) && await db.Notifications.AnyAsync(n => n.OrderId == orderId && n.Kind == kind, cancellationToken)))
        {
            Log.AlreadyNotified(logger, orderId, kind, envelope.EventId);
            return;
        }

        var content = render(orderId, envelope.Payload);
        var now = Now();
        var notification = new Notification
        {
            NotificationId = Guid.CreateVersion7(now),
            OrderId = orderId,
            Kind = kind,
            Status = NotificationStatus.AwaitingRecipient,
            Subject = content.Subject,
            Body = content.Body,
            MessageId = MessageIds.For(orderId, kind),
            SourceEventId = envelope.EventId,
            CreatedAt = now,
        };
        db.Notifications.Add(notification);

        var recipient = await FindRecipientAsync(orderId, cancellationToken);
        if (recipient is null)
        {
            Log.AwaitingRecipient(logger, orderId, kind);
        }
        else if (recipient.Email is null)
        {
            notification.Status = NotificationStatus.NoRecipient;
            Log.NoRecipient(logger, orderId, kind);
        }
        else
        {
            await SendAsync(context, [notification], recipient.Email);
        }
    }

    /// <summary>
    /// The order's address (or its absence) is known: remembered, and the emails that waited for it are sent (or
    /// recorded as having nobody to go to). The first event that says wins; order.created and order.confirmed carry
    /// the same address.
    /// </summary>
    public async Task RecipientKnownAsync(ConsumeContext context, IEventEnvelope envelope, string? email)
    {
        var orderId = envelope.OrderId;
        var cancellationToken = context.CancellationToken;
        await locks.LockAsync(orderId, cancellationToken);
        if (await FindRecipientAsync(orderId, cancellationToken) is not null)
        {
            return;
        }

        var address = Usable(orderId, email);
        db.Recipients.Add(new Recipient
        {
            OrderId = orderId,
            Email = address,
            SourceEventId = envelope.EventId,
            LearnedAt = Now(),
        });

        var awaiting = loaded.Contains(orderId)
            ? []
            : await db.Notifications
                .Where(n => n.OrderId == orderId && n.Status == NotificationStatus.AwaitingRecipient)
                .ToListAsync(cancellationToken);
        awaiting = [.. awaiting
            .Union(db.Notifications.Local.Where(n => n.OrderId == orderId && n.Status == NotificationStatus.AwaitingRecipient))
            .OrderBy(n => n.CreatedAt)
            .ThenBy(n => n.NotificationId)];
        if (awaiting.Count == 0)
        {
            return;
        }

        if (address is null)
        {
            foreach (var notification in awaiting)
            {
                notification.Status = NotificationStatus.NoRecipient;
                Log.NoRecipient(logger, orderId, notification.Kind);
            }

            return;
        }

        await SendAsync(context, awaiting, address);
    }

    private async Task SendAsync(ConsumeContext context, IReadOnlyList<Notification> notifications, string address)
    {
        var to = MailboxAddress.Parse(address);
        // The one window at-most-once cannot close (docs/decisions/0018): the SMTP server has accepted the email, and the
        // row and notification.sent below commit only after this consumer returns. A crash, a lost database or a failed
        // commit in between leaves no row, so the record is handled again and the email goes a second time, with the
        // same Message-Id (MessageIds), which makes it recognisable as a resend. Nothing before this line sends anything,
        // and a failure here leaves nothing written: the record is retried whole.
        await mailer.SendAsync([.. notifications.Select(n => Compose(n, to))], context.CancellationToken);

        var sentAt = Now();
        foreach (var notification in notifications)
        {
            notification.Status = NotificationStatus.Sent;
            notification.Recipient = address;
            notification.SentAt = sentAt;
            await context.Publish(
                new NotificationSent(notification.Kind, address, notification.Subject, notification.MessageId, sentAt),
                context.CancellationToken);
            Log.Sent(logger, notification.OrderId, notification.Kind, notification.MessageId);
        }
    }

    private MimeMessage Compose(Notification notification, MailboxAddress to)
    {
        var message = new MimeMessage
        {
            MessageId = notification.MessageId,
            // The decision's time, not the send's: a resend is the same message, byte for byte where it can be.
            Date = notification.CreatedAt,
            Subject = notification.Subject,
            Body = new TextPart("plain") { Text = notification.Body },
        };
        message.From.Add(_from);
        message.To.Add(to);
        return message;
    }

    private async ValueTask<Recipient?> FindRecipientAsync(string orderId, CancellationToken cancellationToken) =>
        loaded.Contains(orderId)
            ? db.Recipients.Local.FirstOrDefault(r => r.OrderId == orderId)
            : await db.Recipients.FindAsync([orderId], cancellationToken);

    // Microseconds: notification.sent carries exactly the time the row keeps.
    private DateTimeOffset Now() => clock.GetUtcNowMicroseconds();

    private string? Usable(string orderId, string? email)
    {
        if (string.IsNullOrWhiteSpace(email))
        {
            return null;
        }

        // order-service validates the address; one that still does not parse is treated as none, and said so.
        if (!MailboxAddress.TryParse(email, out _))
        {
            Log.UnusableAddress(logger, orderId);
            return null;
        }

        return email;
    }
}
