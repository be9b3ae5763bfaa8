using Fulfillment.Messaging.Consuming;
using Fulfillment.Messaging.Health;
using Fulfillment.Messaging.Kafka;
using Fulfillment.Messaging.Outbox;
using Fulfillment.Messaging.Persistence;
using Fulfillment.Messaging.Telemetry;
using Fulfillment.ServiceDefaults.Health;
using Fulfillment.ServiceDefaults.Hosting;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Fulfillment.Messaging.Hosting;

public static class MessagingHostingExtensions
{
    public const string ConnectionStringName = "Database";

    /// <summary>
    /// Everything a service needs to take part in the platform's messaging: its database (migrated at start-up) with
    /// the outbox mapped in <typeparamref name="TDbContext"/>, the outbox relay, Kafka topics, and one Kafka consumer
    /// host per consumer group dispatching to MassTransit consumers and sagas through the mediator. Needs
    /// <see cref="ServiceDefaultsExtensions.AddServiceDefaults"/> first (the service's name, logging, telemetry).
    /// </summary>
    public static IHostApplicationBuilder AddMessaging<TDbContext>(
        this IHostApplicationBuilder builder, Action<MessagingBuilder>? configure = null)
        where TDbContext : DbContext
    {
        var serviceName = builder.Services
            .Select(descriptor => descriptor.ImplementationInstance)
            .OfType<ServiceIdentity>()
            .FirstOrDefault()?.Name
            ?? throw new InvalidOperationException("Call AddServiceDefaults before AddMessaging: messaging needs the service's name.");
        var chassis = new MessagingBuilder(builder, serviceName);
        configure?.Invoke(chassis);

        var services = builder.Services;
        var configuration = builder.Configuration;
        services.Configure<KafkaOptions>(configuration.GetSection(KafkaOptions.SectionName));
        services.Configure<ConsumerOptions>(configuration.GetSection(ConsumerOptions.SectionName));
        services.Configure<RetryOptions>(configuration.GetSection(RetryOptions.SectionName));
        services.Configure<OutboxOptions>(configuration.GetSection(OutboxOptions.SectionName));

        // Its constructor takes internal types, so the container cannot call it itself.
        services.TryAddSingleton(provider => new ChassisMetrics(
            provider.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(),
            provider.GetRequiredService<OutboxBacklog>(),
            provider.GetRequiredService<ConsumerGroupStatus>(),
            provider.GetRequiredService<TimeProvider>()));
        services.AddDatabaseTelemetry();
        services.TryAddSingleton<OutboxBacklog>();
        services.TryAddSingleton<ConsumerGroupStatus>();

        AddDatabase<TDbContext>(services, configuration);
        AddOutbox(services, configuration);
        AddConsumerGroups(services, chassis);

        services.AddSingleton(new MigrationSource("chassis", typeof(MessagingHostingExtensions).Assembly));
        services.AddSingleton(new MigrationSource("service", typeof(TDbContext).Assembly));
        services.TryAddSingleton<TopicProvisioner>();
        services.AddHostedService<ChassisStartup>();
        services.AddHealthChecks()
            // AspNetCore.HealthChecks.NpgSql: SELECT 1 through the service's own data source (its pool, its settings).
            .AddNpgSql(provider => provider.GetRequiredService<NpgsqlDataSource>(), name: "database", tags: [HealthEndpoints.ReadyTag])
            // Ours: no library knows whether this process's consumer groups own partitions.
            .AddCheck<KafkaHealthCheck>("kafka", tags: [HealthEndpoints.ReadyTag]);
        services.TryAddSingleton<KafkaHealthCheck>();
        return builder;
    }

    private static void AddDatabase<TDbContext>(IServiceCollection services, IConfiguration configuration)
        where TDbContext : DbContext
    {
        var connectionString = configuration.GetConnectionString(ConnectionStringName)
            ?? throw new InvalidOperationException($"ConnectionStrings:{ConnectionStringName} is not configured.");
        services.TryAddSingleton(_ => DatabaseConnections.Build(connectionString));
        services.TryAddSingleton(provider => ActivatorUtilities.CreateInstance<SchemaMigrator>(provider, connectionString));
        services.TryAddSingleton<OutboxSignal>();
        services.TryAddSingleton<OutboxCommitInterceptor>();
        services.AddDbContext<TDbContext>((provider, options) => options
            .UseNpgsql(provider.GetRequiredService<NpgsqlDataSource>())
            .AddInterceptors(provider.GetRequiredService<OutboxCommitInterceptor>()));
        services.AddScoped<DbContext>(provider => provider.GetRequiredService<TDbContext>());
    }

    private static void AddOutbox(IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<IEventOutbox, EventOutbox>();
        services.AddScoped<OutboxBuffer>();
        services.AddScoped<ConsumedEventContext>();
        services.TryAddSingleton<KafkaProducer>();
        if (configuration.GetSection(OutboxOptions.SectionName).Get<OutboxOptions>()?.RelayEnabled ?? true)
        {
            services.AddHostedService<OutboxRelay>();
        }
    }

    private static void AddConsumerGroups(IServiceCollection services, MessagingBuilder chassis)
    {
        services.TryAddSingleton<ConsumerGroupStatus>();
        services.TryAddSingleton<DeadLetterPublisher>();
        services.AddMediator(mediator =>
        {
            foreach (var registration in chassis.Groups.SelectMany(g => g.Components.Registrations))
            {
                registration(mediator);
            }

            mediator.ConfigureMediator((context, configurator) =>
                configurator.UsePublishFilter(typeof(OutboxPublishFilter<>), context));
        });

        foreach (var (definition, handler) in chassis.RawGroups)
        {
            services.AddSingleton<IHostedService>(provider =>
            {
                provider.GetRequiredService<ConsumerGroupStatus>().Register(definition.GroupId);
                var processorType = typeof(RawRecordProcessor<>).MakeGenericType(handler);
                var processor = (IRecordBatchProcessor)ActivatorUtilities.CreateInstance(provider, processorType, definition, RetryFor(provider, definition));
                return ActivatorUtilities.CreateInstance<KafkaConsumerHost>(provider, definition, processor);
            });
        }

        foreach (var (definition, _) in chassis.Groups)
        {
            services.AddSingleton<IHostedService>(provider =>
            {
                provider.GetRequiredService<ConsumerGroupStatus>().Register(definition.GroupId);
                IRecordBatchProcessor processor = ActivatorUtilities.CreateInstance<RecordProcessor>(provider, definition, RetryFor(provider, definition));
                return ActivatorUtilities.CreateInstance<KafkaConsumerHost>(provider, definition, processor);
            });
        }
    }

    private static RecordRetry RetryFor(IServiceProvider provider, ConsumerGroupDefinition group) =>
        new(group.Retry,
            provider.GetRequiredService<IOptions<RetryOptions>>(),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILogger<RecordRetry>>());
}
