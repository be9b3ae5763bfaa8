namespace Fulfillment.InvoiceService.Invoices;

/// <summary>What an invoice says besides the order (section <c>Invoice</c>).</summary>
public sealed class InvoiceOptions
{
    public const string SectionName = "Invoice";

    /// <summary>
    /// Tax rate per currency, a fraction (<c>Invoice:TaxRates:EUR=0.2</c> is 20 %). A currency not listed is invoiced
    /// at 0 %: an unlisted currency is not an error, the default.
    /// </summary>
    public Dictionary<string, decimal> TaxRates { get; set; } = new(StringComparer.Ordinal);

    /// <summary>From issue to due date (<c>Invoice:PaymentTerm=30.00:00:00</c>).</summary>
    public TimeSpan PaymentTerm { get; set; } = TimeSpan.FromDays(30);

    public decimal TaxRateFor(string currency) => TaxRates.GetValueOrDefault(currency);
}
