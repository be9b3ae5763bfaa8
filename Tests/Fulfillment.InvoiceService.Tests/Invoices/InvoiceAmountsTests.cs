using Fulfillment.InvoiceService.Invoices;
using Fulfillment.Messages;
using NUnit.Framework;

namespace Fulfillment.InvoiceService.Tests.Invoices;

[TestFixture]
public sealed class InvoiceAmountsTests
{
    [TestCase(0.125, 0.13, TestName = "Half a cent rounds up, not to the even 0.12")]
    [TestCase(0.145, 0.15, TestName = "Half a cent rounds up where half to even would round down to 0.14")]
    [TestCase(0.1249, 0.12, TestName = "Less than half a cent rounds down")]
    [TestCase(12.5, 12.50, TestName = "Whole cents stay as they are")]
    public void Line_net_is_rounded_to_cents_half_away_from_zero(decimal unitPrice, decimal net)
    {
        var amounts = InvoiceAmounts.For(Order([new OrderLine("SKU-001", 1, unitPrice)]), taxRate: 0m);

        Assert.That((amounts.Lines.Single().Net, amounts.Net), Is.EqualTo((net, net)));
    }

    [Test]
    public void Tax_is_rounded_once_on_the_net_not_line_by_line()
    {
        // Three lines of 0.05 at 10 %: 0.005 each (0.01 each rounded, 0.03), 0.015 on the sum (0.02).
        var lines = new[] { new OrderLine("A", 1, 0.05m), new OrderLine("B", 1, 0.05m), new OrderLine("C", 1, 0.05m) };

        var amounts = InvoiceAmounts.For(Order(lines), taxRate: 0.1m);

        Assert.That((amounts.Net, amounts.Tax, amounts.Gross), Is.EqualTo((0.15m, 0.02m, 0.17m)));
    }

    [Test]
    public void Unit_prices_keep_their_decimals_and_the_net_is_the_sum_of_rounded_lines()
    {
        // 3 × 0.3333 = 0.9999 → 1.00; 1 × 0.0049 = 0.0049 → 0.00.
        var amounts = InvoiceAmounts.For(Order([new OrderLine("A", 3, 0.3333m), new OrderLine("B", 1, 0.0049m)]), taxRate: 0m);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(amounts.Lines.Select(l => (l.UnitPrice, l.Net)), Is.EqualTo(new[] { (0.3333m, 1.00m), (0.0049m, 0.00m) }));
            Assert.That(amounts.Net, Is.EqualTo(1.00m));
        }
    }

    [Test]
    public void Every_amount_has_two_decimals()
    {
        var amounts = InvoiceAmounts.For(Order([new OrderLine("A", 4, 5m)]), taxRate: 0.25m);

        Assert.That(
            new[] { amounts.Lines[0].Net, amounts.Net, amounts.Tax, amounts.Gross }.Select(a => a.Scale),
            Is.All.EqualTo(2));
    }

    private static OrderConfirmed Order(IReadOnlyList<OrderLine> lines) =>
        new("cust-1", lines, lines.Sum(l => l.Quantity * l.UnitPrice), "EUR");
}
