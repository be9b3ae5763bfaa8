using Fulfillment.InvoiceService.Persistence;

namespace Fulfillment.InvoiceService.Numbering;

/// <summary>Invoice numbers for one unit of work, from <c>invoice_counters</c> (decision 0017).</summary>
public sealed class InvoiceNumbers(InvoiceDbContext db, TimeProvider clock, ILogger<InvoiceNumbers> logger)
    : NumberCounter<InvoiceNumber>(db, clock, logger, "Invoice", "invoice_counters")
{
    protected override InvoiceNumber Number(int year, int sequence) => new(year, sequence);
}
