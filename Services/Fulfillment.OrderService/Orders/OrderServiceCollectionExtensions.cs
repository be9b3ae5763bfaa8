using Fulfillment.Messages;

namespace Fulfillment.OrderService.Orders;

public static class OrderServiceCollectionExtensions
{
    public static IServiceCollection AddOrders(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<OrderOptions>()
            .Bind(configuration.GetSection(OrderOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddProblemDetails();
        // Responses follow the contract's JSON rules too: camelCase, UTC timestamps with Z, exact decimals.
        services.ConfigureHttpJsonOptions(json => FulfillmentJson.Configure(json.SerializerOptions));
        services.AddSingleton<OrderRequestReader>();
        services.AddScoped<OrderPlacement>();
        return services;
    }
}
