using Fulfillment.QueryApi.Ui.Live;
using Fulfillment.QueryApi.Ui.Pages;

namespace Fulfillment.QueryApi.Ui;

public static class UiSetup
{
    /// <summary>The pages, the live-push hub and its one LISTEN connection.</summary>
    public static IServiceCollection AddUi(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<UiOptions>(configuration.GetSection(UiOptions.SectionName));
        services.AddSingleton<UiPages>();
        services.AddSingleton<LiveStreams>();
        services.AddScoped<LiveReads>();
        services.AddSingleton<OrderChangeHub>();
        services.AddHostedService(provider => provider.GetRequiredService<OrderChangeHub>());
        services.AddHostedService<OrderChangeListener>();
        return services;
    }
}
