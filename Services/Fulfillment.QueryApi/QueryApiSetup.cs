using Fulfillment.QueryApi.Admin;
using Fulfillment.QueryApi.DeadLetters;
using Fulfillment.QueryApi.Orders.Projection;
using Fulfillment.QueryApi.Orders.Queries;
using Fulfillment.QueryApi.Orders.Rebuild;

namespace Fulfillment.QueryApi;

public static class QueryApiSetup
{
    /// <summary>query-api's own services, after <c>AddMessaging</c> (whose start-up migrations must run before the rebuild check).</summary>
    public static WebApplicationBuilder AddQueryApi(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.Configure<ReadModelOptions>(builder.Configuration.GetSection(ReadModelOptions.SectionName));
        services.Configure<AdminOptions>(builder.Configuration.GetSection(AdminOptions.SectionName));

        services.AddScoped<OrderProjection>();
        services.AddScoped<OrderReadModel>();
        services.AddScoped<DeadLetterQueries>();
        services.AddScoped<DeadLetterReplayer>();
        services.AddHostedService<ReadModelRebuilder>();

        return builder;
    }

    /// <summary>The read model's consumer group, named by <c>ReadModel:Generation</c> (read before the host is built).</summary>
    public static string ReadModelConsumerGroup(this IConfiguration configuration) =>
        (configuration.GetSection(ReadModelOptions.SectionName).Get<ReadModelOptions>() ?? new ReadModelOptions()).ConsumerGroup;
}
