using System.Globalization;

namespace Fulfillment.InvoiceService.Numbering;

/// <summary>
/// A credit note number: <c>CN-2026-000001</c>, the year of issue and the credit note's place in that year, from 1,
/// in at least six digits, from a counter of its own (<see cref="CreditNoteNumbers"/>), spelt like <see cref="InvoiceNumber"/>.
/// </summary>
public readonly record struct CreditNoteNumber(int Year, int Sequence)
{
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"CN-{Year:D4}-{Sequence:D6}");
}
