using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Fulfillment.EndToEnd.Tests.Api;
using Fulfillment.Messages;
using Fulfillment.Testing;
using Fulfillment.Testing.Processes;

namespace Fulfillment.EndToEnd.Tests.Flow;

/// <summary>
/// The order's flow beyond delivery.assigned (issue #13): order-service's own status and order.confirmed, the invoice,
/// and one email per step through the real SMTP server, seen from the outside (HTTP, Kafka, smtp4dev's API).
/// </summary>
[TestFixture]
public sealed partial class OrderFlowTests : EndToEndTest
{
    [Test]
    public async Task A_delivered_order_is_confirmed_invoiced_once_and_its_customer_gets_one_email_per_step()
    {
        var customer = OrderBodies.UniqueCustomer("flow");
        var email = $"{customer}@example.com";
        var placed = await Api.PlaceOrderAsync(NearbyOrder(customer, email, "SKU-007", quantity: 2, unitPrice: 19.90m));

        var own = await Api.WaitForOwnOrderAsync(placed.OrderId, o => o.Status == OrderStatuses.Delivered, "DELIVERED");
        var invoices = await Eventually.ReturnsAsync(
            () => Api.ListInvoicesAsync(placed.OrderId), i => i.Count > 0, PlatformApi.Patience, "the order's invoice");
        var kinds = new[] { NotificationKinds.OrderConfirmed, NotificationKinds.DriverAssigned, NotificationKinds.Delivered };
        var emails = await EmailsToAsync(email, received => kinds.All(k => received.Any(m => m.MessageId == MessageId(placed.OrderId, k))));
        var read = await Api.WaitForOrderAsync(
            placed.OrderId, o => o.Notifications.Count == kinds.Length && o.Invoice is not null, "invoiced, three emails recorded");
        var saga = await Api.WaitForSagaAsync(placed.OrderId, s => s.InvoiceNumber is not null, "the invoice recorded");

        var invoice = invoices.Single();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(own.ConfirmedAt, Is.Not.Null, "order-service: confirmed");
            Assert.That(own.OutForDeliveryAt, Is.Not.Null, "order-service: out for delivery");
            Assert.That(own.DeliveredAt, Is.Not.Null, "order-service: delivered");
            Assert.That(own.CustomerEmail, Is.EqualTo(email));
            Assert.That(invoice.InvoiceNumber, Does.Match(InvoiceNumber()));
            Assert.That(invoice.Net, Is.EqualTo(39.80m));
            Assert.That(invoice.Gross, Is.EqualTo(invoice.Net + invoice.Tax));
            Assert.That(invoice.Currency, Is.EqualTo("EUR"));
            Assert.That(invoice.DueAt, Is.GreaterThan(invoice.IssuedAt));
            Assert.That(emails.Select(m => m.MessageId), Is.EquivalentTo(kinds.Select(k => MessageId(placed.OrderId, k))), "one email of each kind, none twice");
            Assert.That(emails.Single(m => m.MessageId == MessageId(placed.OrderId, NotificationKinds.OrderConfirmed)).Body, Does.Contain(invoice.InvoiceNumber));
            Assert.That(read.Invoice!.Number, Is.EqualTo(invoice.InvoiceNumber), "query-api shows the invoice");
            Assert.That(read.ConfirmedAt, Is.Not.Null, "query-api shows the confirmation");
            Assert.That(read.Notifications.Select(n => n.Kind), Is.EquivalentTo(kinds), "query-api lists the emails");
            Assert.That(read.CountOf(EventTypes.OrderConfirmed), Is.EqualTo(1), "one order.confirmed");
            Assert.That(read.CountOf(EventTypes.InvoiceIssued), Is.EqualTo(1), "one invoice.issued");
            Assert.That(saga.InvoiceNumber, Is.EqualTo(invoice.InvoiceNumber), "the saga's milestone");
        }

        await Order_confirmed_delivered_again_creates_no_second_invoice_and_no_second_email(placed.OrderId, email, invoice);
    }

    [Test]
    public async Task A_rejected_order_gets_no_invoice_and_one_rejection_email()
    {
        var customer = OrderBodies.UniqueCustomer("flow-rejected");
        var email = $"{customer}@example.com";
        // More than SKU-LOW ever holds (3 units): rejected whatever other tests took.
        var placed = await Api.PlaceOrderAsync(NearbyOrder(customer, email, "SKU-LOW", quantity: 50, unitPrice: 4.50m));

        var own = await Api.WaitForOwnOrderAsync(placed.OrderId, o => o.Status == OrderStatuses.Rejected, "REJECTED");
        var emails = await EmailsToAsync(email, received => received.Count > 0);
        var notifications = await Eventually.ReturnsAsync(
            () => Api.ListNotificationsAsync(placed.OrderId), n => n.Count > 0, PlatformApi.Patience, "the rejection recorded");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(own.RejectedAt, Is.Not.Null);
            Assert.That(own.ConfirmedAt, Is.Null, "never confirmed");
            Assert.That(emails.Select(m => m.MessageId), Is.EqualTo(new[] { MessageId(placed.OrderId, NotificationKinds.Rejected) }));
            Assert.That(notifications.Select(n => n.Kind), Is.EqualTo(new[] { NotificationKinds.Rejected }));
            // invoice-service only acts on order.confirmed, which order-service never emits for a rejected order.
            Assert.That(await Api.ListInvoicesAsync(placed.OrderId), Is.Empty, "no invoice");
        }
    }

    /// <summary>
    /// The delivered order's order.confirmed produced again, as a redelivery (same eventId) and as a re-sent event (new
    /// eventId); once both services committed past them, there is still one invoice and one email of each kind.
    /// </summary>
    private static async Task Order_confirmed_delivered_again_creates_no_second_invoice_and_no_second_email(
        string orderId, string email, InvoiceView invoice)
    {
        var bootstrap = Platform.KafkaBootstrapServers;
        var records = await KafkaTopic.ReadUntilAsync(
            bootstrap, Topics.OrderEvents, r => r.Any(e => IsConfirmationOf(e.Envelope, orderId)), PlatformApi.Patience);
        var confirmed = (EventEnvelope<OrderConfirmed>)records.Single(e => IsConfirmationOf(e.Envelope, orderId)).Envelope;

        await KafkaTopic.ProduceAsync(bootstrap, Topics.OrderEvents, KafkaTopic.ToMessage(confirmed));
        var resent = await KafkaTopic.ProduceAsync(
            bootstrap, Topics.OrderEvents, KafkaTopic.ToMessage(confirmed with { EventId = Guid.CreateVersion7() }));
        foreach (var group in new[] { ServiceSpec.InvoiceService.Name, ServiceSpec.NotificationService.Name })
        {
            await GroupOffsets.WaitUntilPastAsync(bootstrap, group, resent.TopicPartitionOffset, PlatformApi.Patience);
        }

        var invoices = await Api.ListInvoicesAsync(orderId);
        var emails = await EmailsToAsync(email, _ => true);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(invoices.Select(i => i.InvoiceNumber), Is.EqualTo(new[] { invoice.InvoiceNumber }), "still one invoice");
            Assert.That(emails.Count(m => m.MessageId == MessageId(orderId, NotificationKinds.OrderConfirmed)), Is.EqualTo(1), "still one confirmation email");
            Assert.That(emails, Has.Count.EqualTo(3), "no other email either");
        }
    }

    private static bool IsConfirmationOf(IEventEnvelope envelope, string orderId) =>
        envelope.EventType == EventTypes.OrderConfirmed && envelope.OrderId == orderId;

    /// <summary>An order with an email address, delivered where the platform's nearby drivers wait (seconds, not minutes).</summary>
    private static JsonObject NearbyOrder(string customer, string email, string sku, int quantity, decimal unitPrice)
    {
        var body = OrderBodies.Order(customer, sku, quantity, unitPrice);
        body["customerEmail"] = email;
        body["deliveryAddress"] = new JsonObject
        {
            ["latitude"] = Platform.NearbyDriversAt.Latitude,
            ["longitude"] = Platform.NearbyDriversAt.Longitude,
        };
        return body;
    }

    private static async Task<List<ReceivedEmail>> EmailsToAsync(string recipient, Func<List<ReceivedEmail>, bool> done) =>
        await Eventually.ReturnsAsync(
            async () => (await Platform.Smtp.MessagesAsync()).Where(m => m.To.Contains(recipient, StringComparer.OrdinalIgnoreCase)).ToList(),
            done,
            PlatformApi.Patience,
            $"emails to {recipient}");

    /// <summary>notification-service's deterministic Message-Id of (order, kind) (decision 0018).</summary>
    private static string MessageId(string orderId, string kind) => $"<{orderId}.{kind}@notification.fulfillment>";

    [GeneratedRegex(@"^INV-\d{4}-\d{6}$")]
    private static partial Regex InvoiceNumber();
}
