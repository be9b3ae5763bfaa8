namespace Fulfillment.OrderService.Persistence;

/// <summary>
/// Statuses order-service itself records. It owns creation only; the later lifecycle (docs/architecture.md, "Order lifecycle") lives in the saga
/// and the read model of query-api.
/// </summary>
public static class OrderStatuses
{
    public const string Created = "CREATED";
}
