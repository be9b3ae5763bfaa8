using System.Globalization;
using Fulfillment.Messages;

namespace Fulfillment.InvoiceService.Invoices;

/// <summary>
/// The money on an invoice. Every amount is in cents (2 decimals), rounded half away from zero (0.005 → 0.01, the
/// commercial rule; not .NET's default half-to-even): each line's net is quantity × unit price rounded, the invoice's
/// net is the sum of the lines' nets, tax is that net × the currency's rate rounded once (not line by line), gross is
/// net + tax (EN 16931's arrangement). Unit prices are kept as ordered (up to 4 decimals).
/// </summary>
public sealed record InvoiceAmounts(IReadOnlyList<InvoiceLine> Lines, decimal Net, decimal TaxRate, decimal Tax, decimal Gross)
{
    /// <exception cref="InvalidOrderConfirmedException">No invoice can be made of <paramref name="order"/>.</exception>
    public static InvoiceAmounts For(OrderConfirmed order, decimal taxRate)
    {
        if (Violation(order) is { } violation)
        {
            throw new InvalidOrderConfirmedException($"order.confirmed cannot be invoiced: {violation}");
        }

        var lines = order.Items.Select(item => new InvoiceLine(item.Sku, item.Quantity, item.UnitPrice, Cents(item.Quantity * item.UnitPrice))).ToList();
        var net = Cents(lines.Sum(line => line.Net));
        var tax = Cents(net * taxRate);
        return new InvoiceAmounts(lines, net, taxRate, tax, net + tax);
    }

    /// <summary>
    /// Rounded to cents, half away from zero, and always written with two decimals (25.0 × 1 is 25.0 to decimal; an
    /// invoice shows 25.00): adding 0.00 raises a decimal's scale to two without changing its value.
    /// </summary>
    public static decimal Cents(decimal amount) => decimal.Round(amount, 2, MidpointRounding.AwayFromZero) + 0.00m;

    /// <summary>What makes <paramref name="order"/> impossible to invoice, or null. order-service checks all of it before it emits.</summary>
    private static string? Violation(OrderConfirmed order)
    {
        if (string.IsNullOrWhiteSpace(order.CustomerId))
        {
            return "customerId is empty";
        }

        if (order.Currency is not { Length: 3 } currency || !currency.All(char.IsAsciiLetterUpper))
        {
            return $"currency '{order.Currency}' is not a three-letter ISO 4217 code";
        }

        if (order.Items is null || order.Items.Count == 0)
        {
            return "the order has no lines";
        }

        foreach (var item in order.Items)
        {
            if (item is null)
            {
                return "a line is null";
            }

            if (string.IsNullOrWhiteSpace(item.Sku) || item.Quantity <= 0 || item.UnitPrice < 0)
            {
                return string.Create(CultureInfo.InvariantCulture, $"line '{item.Sku}' has quantity {item.Quantity} at unit price {item.UnitPrice}");
            }
        }

        // The contract's total is the exact sum of the lines: an invoice for other amounts than the ones authorized
        // is worse than none, and a human has to look.
        var sum = order.Items.Sum(item => item.Quantity * item.UnitPrice);
        return sum == order.Total
            ? null
            : string.Create(CultureInfo.InvariantCulture, $"total {order.Total} is not the sum of its lines, {sum}");
    }
}
