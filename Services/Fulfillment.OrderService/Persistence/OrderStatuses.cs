namespace Fulfillment.OrderService.Persistence;

/// <summary>
/// Statuses order-service itself records. It owns creation only; the later lifecycle (DESIGN.md §1) lives in the saga
/// and the read model of query-api.
/// </summary>
public static class OrderStatuses
{
    public const string Created = "CREATED";
}
