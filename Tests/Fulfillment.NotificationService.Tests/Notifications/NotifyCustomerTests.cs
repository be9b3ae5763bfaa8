using Fulfillment.Messages;
using Fulfillment.NotificationService.Persistence;
using Fulfillment.NotificationService.Tests.Support;
using Fulfillment.Testing;
using NUnit.Framework;
using static Fulfillment.NotificationService.Tests.Support.Envelopes;

namespace Fulfillment.NotificationService.Tests.Notifications;

/// <summary>Each kind of email, through the consumers and a real SMTP server (smtp4dev), read back through its API.</summary>
[TestFixture]
public sealed class NotifyCustomerTests : NotificationHarnessTest
{
    [Test]
    public async Task Invoice_issued_sends_the_order_confirmation_with_the_invoice_number()
    {
        await Notifications.ConsumeSuccessfullyAsync(OrderCreated("order-1", EmailOf("order-1")));
        await Notifications.ConsumeSuccessfullyAsync(OrderConfirmed("order-1", EmailOf("order-1")));
        Assert.That(await Smtp.MessagesAsync(), Is.Empty, "order.confirmed alone sends nothing: the confirmation waits for its invoice");

        await Notifications.ConsumeSuccessfullyAsync(InvoiceIssued("order-1", "INV-2026-000042"));

        var email = await OneEmailAsync("order-1", NotificationKinds.OrderConfirmed, "Order order-1 confirmed, invoice INV-2026-000042");
        Assert.That(email.Body, Does.Contain("Invoice: INV-2026-000042").And.Contain("Total: 30.00 EUR (net 25.00 EUR, tax 5.00 EUR)").And.Contain("Due: 2027-01-23"));
    }

    [Test]
    public async Task Delivery_assigned_sends_the_driver_and_the_eta()
    {
        await Notifications.ConsumeSuccessfullyAsync(OrderCreated("order-1", EmailOf("order-1")));

        await Notifications.ConsumeSuccessfullyAsync(DeliveryAssigned("order-1"));

        var email = await OneEmailAsync("order-1", NotificationKinds.DriverAssigned, "Order order-1: a driver is on the way");
        Assert.That(email.Body, Does.Contain("Driver DRV-007").And.Contain("Estimated arrival: 2026-12-24 17:45 UTC"));
    }

    [Test]
    public async Task Delivery_completed_sends_delivered()
    {
        await Notifications.ConsumeSuccessfullyAsync(OrderCreated("order-1", EmailOf("order-1")));

        await Notifications.ConsumeSuccessfullyAsync(DeliveryCompleted("order-1"));

        var email = await OneEmailAsync("order-1", NotificationKinds.Delivered, "Order order-1 delivered");
        Assert.That(email.Body, Does.Contain("delivered at 2026-12-24 17:52 UTC"));
    }

    [Test]
    public async Task Inventory_rejected_sends_rejected_with_the_shortage()
    {
        await Notifications.ConsumeSuccessfullyAsync(OrderCreated("order-1", EmailOf("order-1")));

        await Notifications.ConsumeSuccessfullyAsync(InventoryRejected("order-1"));

        var email = await OneEmailAsync("order-1", NotificationKinds.Rejected, "Order order-1 could not be accepted");
        Assert.That(email.Body, Does.Contain("insufficient stock").And.Contain("SKU-LOW: 3 of 5 available"));
    }

    [Test]
    public async Task Payment_failed_sends_payment_failed_with_the_reason()
    {
        await Notifications.ConsumeSuccessfullyAsync(OrderCreated("order-1", EmailOf("order-1")));

        await Notifications.ConsumeSuccessfullyAsync(PaymentFailed("order-1"));

        var email = await OneEmailAsync("order-1", NotificationKinds.PaymentFailed, "Order order-1: payment failed");
        Assert.That(email.Body, Does.Contain("25.00 EUR").And.Contain("declined: amount above the limit"));
    }

    [Test]
    public async Task Delivery_cancelled_sends_cancelled_and_a_decline_caused_by_the_cancel_sends_nothing()
    {
        await Notifications.ConsumeSuccessfullyAsync(OrderCreated("order-1", EmailOf("order-1")));

        await Notifications.ConsumeSuccessfullyAsync(DeclinedAfterCancel("order-1"));
        await Notifications.ConsumeSuccessfullyAsync(DeliveryCancelled("order-1"));

        var email = await OneEmailAsync("order-1", NotificationKinds.Cancelled, "Order order-1 cancelled");
        Assert.That(email.Body, Does.Contain("found it cheaper"));
    }

    [Test]
    public async Task Delivery_failed_sends_delivery_failed_with_the_reason()
    {
        await Notifications.ConsumeSuccessfullyAsync(OrderCreated("order-1", EmailOf("order-1")));

        await Notifications.ConsumeSuccessfullyAsync(DeliveryFailed("order-1"));

        var email = await OneEmailAsync("order-1", NotificationKinds.DeliveryFailed, "Order order-1 could not be delivered");
        Assert.That(email.Body, Does.Contain("outside the service area").And.Contain("refunded"));
    }

    [Test]
    public async Task The_same_event_again_sends_no_second_email()
    {
        var assigned = DeliveryAssigned("order-1");
        await Notifications.ConsumeSuccessfullyAsync(OrderCreated("order-1", EmailOf("order-1")));
        await Notifications.ConsumeSuccessfullyAsync(assigned);

        // The harness has no inbox (nor tells two consumes of one eventId apart): the same event under a new eventId is
        // the (order, kind) check alone, behind the inbox that stops a redelivery on the real host (ServiceHostTests).
        await Notifications.ConsumeSuccessfullyAsync(assigned with { EventId = Guid.CreateVersion7() });
        await Notifications.ConsumeSuccessfullyAsync(DeliveryAssigned("order-1"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(await Smtp.MessagesAsync(), Has.Count.EqualTo(1));
            Assert.That(await Notifications.NotificationsAsync("order-1"), Has.Count.EqualTo(1));
            Assert.That(Notifications.Published<NotificationSent>(), Has.Count.EqualTo(1));
        }
    }

    [Test]
    public async Task An_order_without_an_email_gets_none_and_that_is_recorded()
    {
        await Notifications.ConsumeSuccessfullyAsync(OrderCreated("order-1", email: null));

        await Notifications.ConsumeSuccessfullyAsync(InventoryRejected("order-1"));

        var notification = (await Notifications.NotificationsAsync("order-1")).Single();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(await Smtp.MessagesAsync(), Is.Empty);
            Assert.That(Notifications.Published<NotificationSent>(), Is.Empty);
            Assert.That((notification.Kind, notification.Status), Is.EqualTo((NotificationKinds.Rejected, NotificationStatus.NoRecipient)));
            Assert.That(notification.Recipient, Is.Null);
            Assert.That(notification.SentAt, Is.Null);
        }
    }

    [Test]
    public async Task Emails_that_came_before_the_address_wait_for_it_and_are_sent_when_it_arrives()
    {
        await Notifications.ConsumeSuccessfullyAsync(DeliveryAssigned("order-1"));
        await Notifications.ConsumeSuccessfullyAsync(DeliveryCompleted("order-1"));

        var waiting = await Notifications.NotificationsAsync("order-1");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(await Smtp.MessagesAsync(), Is.Empty);
            Assert.That(waiting.Select(n => n.Status), Is.All.EqualTo(NotificationStatus.AwaitingRecipient));
        }

        await Notifications.ConsumeSuccessfullyAsync(OrderCreated("order-1", EmailOf("order-1")));

        var emails = await Smtp.MessagesAsync();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(emails.Select(e => e.MessageId), Is.EquivalentTo(new[]
            {
                "<order-1.driver-assigned@notification.fulfillment>",
                "<order-1.delivered@notification.fulfillment>",
            }));
            Assert.That(emails.SelectMany(e => e.To), Is.All.EqualTo(EmailOf("order-1")));
            Assert.That((await Notifications.NotificationsAsync("order-1")).Select(n => n.Status), Is.All.EqualTo(NotificationStatus.Sent));
            Assert.That(Notifications.Published<NotificationSent>().Select(s => s.Kind), Is.EquivalentTo(new[] { NotificationKinds.DriverAssigned, NotificationKinds.Delivered }));
        }
    }

    [Test]
    public async Task Emails_waiting_for_an_order_placed_without_an_address_are_recorded_as_having_none()
    {
        await Notifications.ConsumeSuccessfullyAsync(PaymentFailed("order-1"));

        await Notifications.ConsumeSuccessfullyAsync(OrderCreated("order-1", email: null));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(await Smtp.MessagesAsync(), Is.Empty);
            Assert.That((await Notifications.NotificationsAsync("order-1")).Single().Status, Is.EqualTo(NotificationStatus.NoRecipient));
        }
    }

    [Test]
    public async Task Order_confirmed_gives_the_address_when_order_created_is_late()
    {
        await Notifications.ConsumeSuccessfullyAsync(OrderConfirmed("order-1", EmailOf("order-1")));
        await Notifications.ConsumeSuccessfullyAsync(InvoiceIssued("order-1"));
        await Notifications.ConsumeSuccessfullyAsync(OrderCreated("order-1", EmailOf("order-1")));

        await OneEmailAsync("order-1", NotificationKinds.OrderConfirmed, "Order order-1 confirmed, invoice INV-2026-000042");
    }

    /// <summary>
    /// SMTP accepted, then the unit of work failed to commit: the record is handled again, and this process does not
    /// hand the server the same email a second time (it remembers what was accepted); the row is written by the replay.
    /// Only a crash, or the partition moving to another instance, in that window resends it (docs/decisions/0018),
    /// and then with the same Message-Id.
    /// </summary>
    [Test]
    public async Task A_commit_that_fails_after_smtp_accepted_is_handled_again_without_a_second_email()
    {
        await Notifications.ConsumeSuccessfullyAsync(OrderCreated("order-1", EmailOf("order-1")));
        await Sql.ExecuteAsync(Notifications.ConnectionString, """
            CREATE FUNCTION refuse_notification() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN RAISE EXCEPTION 'simulated failure before the commit'; END $$;
            CREATE TRIGGER refuse_notification BEFORE INSERT ON notifications FOR EACH ROW EXECUTE FUNCTION refuse_notification();
            """);
        var delivered = DeliveryCompleted("order-1");

        var failed = await Notifications.ConsumeAsync(delivered);
        var afterFailure = await Smtp.MessagesAsync();
        await Sql.ExecuteAsync(Notifications.ConnectionString, "DROP TRIGGER refuse_notification ON notifications");
        // Handled again, as the host's retry would (a new eventId only so that the harness can tell the two consumes
        // apart; nothing of the first attempt is left in the database either way).
        await Notifications.ConsumeSuccessfullyAsync(delivered with { EventId = Guid.CreateVersion7() });

        var emails = await Smtp.MessagesAsync();
        var rows = await Notifications.NotificationsAsync("order-1");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(failed.Exception, Is.Not.Null, "the first attempt's commit failed");
            Assert.That(afterFailure.Select(e => e.MessageId), Is.EqualTo(new[] { "<order-1.delivered@notification.fulfillment>" }), "accepted before the failed commit");
            Assert.That(emails, Has.Count.EqualTo(1), "not handed to the server again by the retry");
            Assert.That(rows.Select(n => (n.Kind, n.Status)), Is.EqualTo(new[] { (NotificationKinds.Delivered, NotificationStatus.Sent) }));
        }
    }

    [Test]
    public async Task An_unreachable_smtp_server_fails_the_event_and_leaves_nothing_behind()
    {
        await using var unreachable = await NotificationHarness.StartAsync("127.0.0.1", Testing.Processes.FreePorts.Pick());
        await unreachable.ConsumeSuccessfullyAsync(OrderCreated("order-1", EmailOf("order-1")));

        var consumed = await unreachable.ConsumeAsync(DeliveryAssigned("order-1"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(consumed.Exception, Is.InstanceOf<System.Net.Sockets.SocketException>());
            Assert.That(await unreachable.NotificationsAsync("order-1"), Is.Empty);
            Assert.That(unreachable.Published<NotificationSent>(), Is.Empty);
        }
    }

    private async Task<ReceivedEmail> OneEmailAsync(string orderId, string kind, string subject)
    {
        var emails = await Smtp.MessagesAsync();
        Assert.That(emails, Has.Count.EqualTo(1), "one email");
        var email = emails[0];
        var notification = (await Notifications.NotificationsAsync(orderId)).Single();
        var sent = Notifications.Published<NotificationSent>().Single();
        var messageId = $"<{orderId}.{kind}@notification.fulfillment>";
        using (Assert.EnterMultipleScope())
        {
            Assert.That(email.To, Is.EqualTo(new[] { EmailOf(orderId) }));
            Assert.That(email.From, Does.Contain("<notifications@fulfillment.test>"));
            Assert.That(email.Subject, Is.EqualTo(subject));
            Assert.That(email.MessageId, Is.EqualTo(messageId));
            Assert.That((notification.Kind, notification.Status, notification.Recipient), Is.EqualTo((kind, NotificationStatus.Sent, EmailOf(orderId))));
            Assert.That(notification.MessageId, Is.EqualTo(messageId));
            Assert.That(sent, Is.EqualTo(new NotificationSent(kind, EmailOf(orderId), subject, messageId, notification.SentAt!.Value)));
        }

        return email;
    }
}
