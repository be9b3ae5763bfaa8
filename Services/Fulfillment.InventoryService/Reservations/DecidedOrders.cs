using Fulfillment.InventoryService.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Fulfillment.InventoryService.Reservations;

/// <summary>
/// Which orders already have an allocation decision, for one unit of work: loaded for the whole batch in one query by
/// <see cref="InventoryBatchPreparer"/>, looked up one order at a time otherwise, and told of the decisions the unit
/// of work makes itself (not yet saved, so not yet visible to a query). Also which orders the batch cancels itself
/// (decision 0019): an order.created followed in the same batch by its order.cancelled, delivery.cancelled,
/// delivery.failed or payment.failed is never reserved, as if the cancellation had come first.
/// </summary>
public sealed class DecidedOrders(InventoryDbContext db)
{
    private readonly HashSet<string> _known = new(StringComparer.Ordinal);
    private readonly HashSet<string> _decided = new(StringComparer.Ordinal);
    private readonly HashSet<string> _cancelledInBatch = new(StringComparer.Ordinal);

    /// <summary>Told by the batch preparer: these orders have a cancellation among the batch's events.</summary>
    public void CancelInBatch(IEnumerable<string> orderIds) => _cancelledInBatch.UnionWith(orderIds);

    public bool IsCancelledInBatch(string orderId) => _cancelledInBatch.Contains(orderId);

    public async Task LoadAsync(IReadOnlyCollection<string> orderIds, CancellationToken cancellationToken)
    {
        var unknown = orderIds.Where(id => !_known.Contains(id)).Distinct(StringComparer.Ordinal).ToArray();
        if (unknown.Length == 0)
        {
            return;
        }

        var decided = await db.Reservations
            .Where(r => unknown.Contains(r.OrderId))
            .Select(r => r.OrderId)
            .ToListAsync(cancellationToken);
        _known.UnionWith(unknown);
        _decided.UnionWith(decided);
    }

    public async Task<bool> IsDecidedAsync(string orderId, CancellationToken cancellationToken)
    {
        await LoadAsync([orderId], cancellationToken);
        return _decided.Contains(orderId);
    }

    public void Add(string orderId)
    {
        _known.Add(orderId);
        _decided.Add(orderId);
    }
}
