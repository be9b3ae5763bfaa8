using Fulfillment.InvoiceService.Persistence;
using Fulfillment.Messages;
using Microsoft.EntityFrameworkCore;

namespace Fulfillment.InvoiceService.Invoices;

/// <summary>
/// Which orders must not be invoiced, for one unit of work: those whose delivery verdict (cancelled or failed) came
/// before their invoice, remembered in <c>uninvoiced_cancellations</c>, and those whose verdict is among the batch's
/// events (told by the batch preparer), so that an order.confirmed and its verdict in one batch issue nothing at all
/// rather than an invoice and its credit note.
/// </summary>
public sealed class OrderCancellations(InvoiceDbContext db, TimeProvider clock)
{
    private readonly HashSet<string> _verdictInBatch = new(StringComparer.Ordinal);

    // true: remembered (saved, or recorded in this unit of work); false: looked up, not cancelled.
    private readonly Dictionary<string, bool> _remembered = new(StringComparer.Ordinal);

    public void VerdictsInBatch(IEnumerable<string> orderIds) => _verdictInBatch.UnionWith(orderIds);

    public async Task LoadAsync(IEnumerable<string> orderIds, CancellationToken cancellationToken)
    {
        var unknown = orderIds.Where(id => !_remembered.ContainsKey(id)).Distinct(StringComparer.Ordinal).ToArray();
        if (unknown.Length > 0)
        {
            var remembered = await db.UninvoicedCancellations.Where(c => unknown.Contains(c.OrderId)).Select(c => c.OrderId).ToListAsync(cancellationToken);
            foreach (var orderId in unknown)
            {
                _remembered[orderId] = remembered.Contains(orderId, StringComparer.Ordinal);
            }
        }
    }

    /// <summary>The orders of <paramref name="orderIds"/> known not to be cancelled (call <see cref="LoadAsync"/> first).</summary>
    public IEnumerable<string> NotCancelled(IEnumerable<string> orderIds) =>
        orderIds.Where(id => !_verdictInBatch.Contains(id) && _remembered.TryGetValue(id, out var remembered) && !remembered);

    public async Task<bool> IsCancelledAsync(string orderId, CancellationToken cancellationToken)
    {
        await LoadAsync([orderId], cancellationToken);
        return _verdictInBatch.Contains(orderId) || _remembered[orderId];
    }

    /// <summary>Remembers that <paramref name="verdict"/>'s order is not to be invoiced; the first verdict seen stays.</summary>
    public async Task RememberAsync(IEventEnvelope verdict, string reason, CancellationToken cancellationToken)
    {
        await LoadAsync([verdict.OrderId], cancellationToken);
        if (!_remembered[verdict.OrderId])
        {
            db.UninvoicedCancellations.Add(new UninvoicedCancellation
            {
                OrderId = verdict.OrderId,
                Reason = reason,
                SourceEventId = verdict.EventId,
                CancelledAt = clock.GetUtcNow(),
            });
            _remembered[verdict.OrderId] = true;
        }
    }
}
