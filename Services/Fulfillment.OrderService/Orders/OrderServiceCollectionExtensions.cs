
namespace Fulfillment.OrderService.Orders;

public static class OrderServiceCollectionExtensions
{
    public static IServiceCollection AddOrders(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<OrderOptions>()
            .Bind(configuration.GetSection(OrderOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        // Responses follow the contract's JSON rules too: camelCase, UTC timestamps with Z, exact decimals.
        services.AddSingleton<OrderRequestReader>();
        services.AddScoped<OrderPlacement>();
        services.AddSingleton<CancelRequestReader>();
        services.AddScoped<OrderCancellation>();
        return services;
    }
}
