using System.Globalization;
using System.Text;
using Fulfillment.Messages;

namespace Fulfillment.NotificationService.Notifications;

/// <summary>The text of each kind of email, from the event that triggers it. Dates in UTC, amounts invariant.</summary>
public static class EmailTemplates
{
    public static EmailContent OrderConfirmed(string orderId, InvoiceIssued invoice) => new(
        $"Order {orderId} confirmed, invoice {invoice.InvoiceNumber}",
        Lines(
            $"Your order {orderId} is confirmed.",
            $"Invoice: {invoice.InvoiceNumber}",
            $"Total: {Money(invoice.Gross, invoice.Currency)} (net {Money(invoice.Net, invoice.Currency)}, tax {Money(invoice.Tax, invoice.Currency)})",
            $"Due: {Date(invoice.DueAt)}"));

    public static EmailContent DriverAssigned(string orderId, DeliveryAssigned assigned) => new(
        $"Order {orderId}: a driver is on the way",
        Lines(
            $"Driver {assigned.DriverId} is bringing your order {orderId}.",
            $"Estimated arrival: {Time(assigned.EstimatedArrival)}"));

    public static EmailContent Delivered(string orderId, DeliveryCompleted completed) => new(
        $"Order {orderId} delivered",
        Lines($"Your order {orderId} was delivered at {Time(completed.DeliveredAt)}."));

    public static EmailContent Rejected(string orderId, InventoryRejected rejected) => new(
        $"Order {orderId} could not be accepted",
        Lines(
            [
                $"We are sorry: your order {orderId} could not be accepted ({rejected.Reason}).",
                .. rejected.Shortages.Select(s => $"{s.Sku}: {s.Available} of {s.Requested} available"),
                "Nothing was charged.",
            ]));

    public static EmailContent PaymentFailed(string orderId, PaymentFailed failed) => new(
        $"Order {orderId}: payment failed",
        Lines(
            $"The payment of {Money(failed.Amount, failed.Currency)} for your order {orderId} failed ({failed.Reason}).",
            "The order was not placed; nothing was charged."));

    public static EmailContent Cancelled(string orderId, DeliveryCancelled cancelled) => new(
        $"Order {orderId} cancelled",
        Lines(
            $"Your order {orderId} is cancelled ({cancelled.Reason}).",
            "Nothing will be delivered; any payment is refunded and any invoice credited."));

    public static EmailContent DeliveryFailed(string orderId, DeliveryFailed failed) => new(
        $"Order {orderId} could not be delivered",
        Lines(
            $"We are sorry: your order {orderId} cannot be delivered ({failed.Reason}).",
            "Your payment is refunded and any invoice credited."));

    private static string Lines(params IEnumerable<string> lines) =>
        lines.Aggregate(new StringBuilder(), (text, line) => text.Append(line).Append("\r\n")).ToString();

    private static string Money(decimal amount, string currency) =>
        string.Create(CultureInfo.InvariantCulture, $"{amount:0.00} {currency}");

    private static string Time(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    private static string Date(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
