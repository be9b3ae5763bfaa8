namespace Fulfillment.NotificationService.Notifications;

/// <summary>
/// The orders whose recipient and notifications the unit of work has loaded (<see cref="NotificationBatchPreparer"/>):
/// for them the tracked entities are the whole truth, and <see cref="CustomerNotifier"/> asks the database nothing.
/// Scoped, like the unit of work; outside the consumer host (MassTransit's test harness) it stays empty.
/// </summary>
public sealed class LoadedOrders
{
    private readonly HashSet<string> _orderIds = new(StringComparer.Ordinal);

    public bool Contains(string orderId) => _orderIds.Contains(orderId);

    public void AddRange(IEnumerable<string> orderIds) => _orderIds.UnionWith(orderIds);
}
