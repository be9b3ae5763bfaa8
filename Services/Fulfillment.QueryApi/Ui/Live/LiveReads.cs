using Fulfillment.QueryApi.Orders.Queries;
using Fulfillment.QueryApi.Persistence;
using Fulfillment.Sagas.Queries;
using Microsoft.EntityFrameworkCore;

namespace Fulfillment.QueryApi.Ui.Live;

/// <summary>The reads behind a push: once per changed order, whatever the number of its watchers.</summary>
public sealed class LiveReads(OrderReadModel orders, OrderSagaQueries sagas, QueryDbContext db)
{
    public async Task<LiveOrder?> OrderAsync(string orderId, CancellationToken cancellationToken)
    {
        var order = await orders.GetAsync(orderId, cancellationToken);
        return order is null ? null : new LiveOrder(order, await sagas.FindAsync(orderId, cancellationToken));
    }

    public Task<OrderSummary?> SummaryAsync(string orderId, CancellationToken cancellationToken) =>
        db.Orders.AsNoTracking()
            .Where(o => o.OrderId == orderId)
            .Select(o => new OrderSummary(
                o.OrderId, o.Status, o.CustomerId, o.Total, o.Currency, o.DriverId, o.Eta, o.CreatedAt, o.LastEventAt, o.UpdatedAt))
            .SingleOrDefaultAsync(cancellationToken);

    /// <summary>How many orders of the read model are in each status (every status, zero included).</summary>
    public async Task<IReadOnlyList<StatusCount>> StatusCountsAsync(CancellationToken cancellationToken)
    {
        var counted = await db.Orders.AsNoTracking()
            .GroupBy(o => o.Status)
            .Select(g => new { Status = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Status, g => g.Count, StringComparer.Ordinal, cancellationToken);
        return [.. Orders.OrderStatusRules.Names.Select(name => new StatusCount(name, counted.GetValueOrDefault(name)))];
    }
}
