using Fulfillment.InvoiceService.Persistence;

namespace Fulfillment.InvoiceService.Numbering;

/// <summary>Credit note numbers for one unit of work, from <c>credit_note_counters</c>: a series of their own, gapless like the invoices'.</summary>
public sealed class CreditNoteNumbers(InvoiceDbContext db, TimeProvider clock, ILogger<CreditNoteNumbers> logger)
    : NumberCounter<CreditNoteNumber>(db, clock, logger, "Credit note", "credit_note_counters")
{
    protected override CreditNoteNumber Number(int year, int sequence) => new(year, sequence);
}
