using Fulfillment.Messaging.Hosting;
using Fulfillment.Messaging.Persistence;
using Fulfillment.Sagas.Monitoring;
using Fulfillment.Sagas.Persistence;
using Fulfillment.Sagas.Queries;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Fulfillment.Sagas;

/// <summary>How a service hosts the order saga (query-api): two calls, one on messaging and one on a consumer group.</summary>
public static class OrderSagaHostingExtensions
{
    /// <summary>The name the saga's migrations are recorded under (<c>sagas/0001_order_saga.sql</c>).</summary>
    public const string MigrationName = "sagas";

    /// <summary>The saga's SQL migrations, for a <c>SchemaMigrator</c> built by hand (tests, tools).</summary>
    public static MigrationSource Migrations { get; } = new(MigrationName, typeof(OrderState).Assembly);

    /// <summary>
    /// The saga's table (migrated at start-up with the service's own), the stalled-saga detector (section
    /// <c>Sagas</c>: <c>StalledAfter</c>, <c>CompensationTimeout</c>, <c>ScanInterval</c>, <c>DetectStalled</c>), the saga-state gauges
    /// (<c>MetricsInterval</c>) and <see cref="OrderSagaQueries"/>.
    /// Calling it more than once is harmless.
    /// </summary>
    public static MessagingBuilder AddOrderSagaSupport(this MessagingBuilder chassis)
    {
        ArgumentNullException.ThrowIfNull(chassis);
        // Registered twice, the same script names would be applied twice and the migrator's bookkeeping would fail.
        if (!chassis.Services.Any(d => !d.IsKeyedService && d.ImplementationInstance is MigrationSource { Name: MigrationName }))
        {
            chassis.AddMigrations(MigrationName, typeof(OrderState).Assembly);
        }

        chassis.Services.AddOrderSagaMonitoring(chassis.Configuration);
        return chassis;
    }

    /// <summary>
    /// The saga on this consumer group, persisted with <see cref="PostgresSagaRepositoryExtensions.UsePostgresRepository"/>.
    /// The group must consume the topics of every saga event (all four <c>raw.*</c> topics).
    /// </summary>
    public static ConsumerGroupBuilder AddOrderSaga(this ConsumerGroupBuilder group)
    {
        ArgumentNullException.ThrowIfNull(group);
        return group
            .PrepareBatchesWith<OrderSagaBatch>()
            .AddSagaStateMachine<OrderStateMachine, OrderState>(saga => saga.UsePostgresRepository());
    }

    internal static IServiceCollection AddOrderSagaMonitoring(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StalledSagaOptions>()
            .Bind(configuration.GetSection(StalledSagaOptions.SectionName))
            .Validate(
                o => o.StalledAfter > TimeSpan.Zero && o.CompensationTimeout > TimeSpan.Zero && o.ScanInterval > TimeSpan.Zero
                    && o.MetricsInterval > TimeSpan.Zero && o.ScanBatchSize > 0,
                "Sagas:StalledAfter, Sagas:CompensationTimeout, Sagas:ScanInterval and Sagas:MetricsInterval must be positive durations, Sagas:ScanBatchSize a positive number.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<OrderSagaQueries>();
        services.AddHostedService<StalledSagaDetector>();
        services.TryAddSingleton<SagaStateMetrics>();
        services.AddHostedService(provider => provider.GetRequiredService<SagaStateMetrics>());
        return services;
    }
}
