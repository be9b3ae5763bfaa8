using Fulfillment.InvoiceService.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Fulfillment.InvoiceService.Invoices;

/// <summary>
/// Which orders already have their invoice, for one unit of work: the batch preparer asks for the whole batch in one
/// query, a consumer without one asks for its order; the invoices the unit of work issues itself (not saved yet, so
/// invisible to a query) are added as they are issued.
/// </summary>
public sealed class InvoicedOrders(InvoiceDbContext db)
{
    // true: invoiced (saved, or issued in this unit of work); false: looked up, no invoice yet.
    private readonly Dictionary<string, bool> _invoiced = new(StringComparer.Ordinal);

    public async Task LoadAsync(IEnumerable<string> orderIds, CancellationToken cancellationToken)
    {
        var unknown = orderIds.Where(id => !_invoiced.ContainsKey(id)).Distinct(StringComparer.Ordinal).ToArray();
        if (unknown.Length == 0)
        {
            return;
        }

        var invoiced = await db.Invoices.Where(i => unknown.Contains(i.OrderId)).Select(i => i.OrderId).ToListAsync(cancellationToken);
        foreach (var orderId in unknown)
        {
            _invoiced[orderId] = invoiced.Contains(orderId, StringComparer.Ordinal);
        }
    }

    public async Task<bool> IsInvoicedAsync(string orderId, CancellationToken cancellationToken)
    {
        await LoadAsync([orderId], cancellationToken);
        return _invoiced[orderId];
    }

    /// <summary>The orders of <paramref name="orderIds"/> known to have no invoice (call <see cref="LoadAsync"/> first).</summary>
    public IEnumerable<string> WithoutInvoice(IEnumerable<string> orderIds) =>
        orderIds.Where(id => _invoiced.TryGetValue(id, out var invoiced) && !invoiced);

    public void Add(string orderId) => _invoiced[orderId] = true;
}
