using Fulfillment.InvoiceService.Numbering;
using NUnit.Framework;

namespace Fulfillment.InvoiceService.Tests.Numbering;

[TestFixture]
public sealed class InvoiceNumberTests
{
    [TestCase(2026, 1, "INV-2026-000001")]
    [TestCase(2027, 999_999, "INV-2027-999999")]
    [TestCase(2027, 1_000_000, "INV-2027-1000000")]
    public void Number_is_written_with_the_year_and_at_least_six_digits_and_read_back(int year, int sequence, string text)
    {
        var number = new InvoiceNumber(year, sequence);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(number.ToString(), Is.EqualTo(text));
            Assert.That(InvoiceNumber.TryParse(text, out var parsed), Is.True);
            Assert.That(parsed, Is.EqualTo(number));
        }
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("INV-2026-000000")]
    [TestCase("INV-2026-00001")]
    [TestCase("INV-2026-0000001")]
    [TestCase("INV-2026-000001 ")]
    [TestCase("INV-2026-٠٠٠٠٠١")]
    [TestCase("INV-2026-99999999999")]
    public void Anything_else_is_not_an_invoice_number(string? text) =>
        Assert.That(InvoiceNumber.TryParse(text, out _), Is.False);
}
