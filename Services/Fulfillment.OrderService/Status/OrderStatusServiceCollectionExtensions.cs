namespace Fulfillment.OrderService.Status;

public static class OrderStatusServiceCollectionExtensions
{
    /// <summary>What <see cref="TrackOrderStatus"/> needs besides the DbContext (the host and the test harness alike).</summary>
    public static IServiceCollection AddOrderStatus(this IServiceCollection services) =>
        services.AddScoped<LockedOrders>();
}
