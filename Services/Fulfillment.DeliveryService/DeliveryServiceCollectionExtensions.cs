using Fulfillment.DeliveryService.Assignment;
using Fulfillment.DeliveryService.Persistence;
using Fulfillment.DeliveryService.Tracking;
using Fulfillment.Messaging.Persistence;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Fulfillment.DeliveryService;

public static class DeliveryServiceCollectionExtensions
{
    /// <summary>Options, the order locks, the dispatcher and the tracker: what the consumers and the ticker need (tests use this too).</summary>
    public static IServiceCollection AddDelivery(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DeliveryOptions>()
            .Bind(configuration.GetSection(DeliveryOptions.SectionName))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<DeliveryOptions>, DeliveryOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<DriverPool>();
        services.AddScoped<OrderLocks>();
        services.AddScoped<LockedDeliveries>();
        services.AddScoped<DeliveryBatchPreparer>();
        services.AddScoped<DriverDispatcher>();
        services.AddScoped<DeliveryTracker>();
        return services;
    }

    /// <summary>The HTTP side: problem details and the contract's JSON rules for responses.</summary>
    public static IServiceCollection AddDeliveryApi(this IServiceCollection services)
    {
        return services;
    }
}
