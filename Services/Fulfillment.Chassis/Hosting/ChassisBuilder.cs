using System.Reflection;
using Fulfillment.Chassis.Consuming;
using Fulfillment.Chassis.Persistence;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Fulfillment.Chassis.Hosting;

/// <summary>What a service tells the chassis: its consumer groups and its migrations.</summary>
public sealed class ChassisBuilder(IHostApplicationBuilder host, string serviceName)
{
    internal List<(ConsumerGroupDefinition Definition, ConsumerGroupBuilder Components)> Groups { get; } = [];

    internal List<(ConsumerGroupDefinition Definition, Type Handler)> RawGroups { get; } = [];

    internal Action<Serilog.LoggerConfiguration>? LoggingOverrides { get; private set; }

    internal Action<OpenTelemetry.Trace.TracerProviderBuilder>? TracingOverrides { get; private set; }

    public string ServiceName { get; } = serviceName;

    public IServiceCollection Services => host.Services;

    public IConfiguration Configuration => host.Configuration;

    /// <summary>A consumer group named after the service.</summary>
    public ChassisBuilder AddConsumerGroup(IReadOnlyList<string> topics, Action<ConsumerGroupBuilder> components) =>
        AddConsumerGroup(ServiceName, topics, components);

    public ChassisBuilder AddConsumerGroup(string groupId, IReadOnlyList<string> topics, Action<ConsumerGroupBuilder> components)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(groupId);
        if (topics.Count == 0)
        {
            throw new ArgumentException("A consumer group needs at least one topic.", nameof(topics));
        }

        var group = new ConsumerGroupBuilder(groupId);
        components(group);
        if (group.BatchPreparer is { } preparer)
        {
            Services.TryAddScoped(preparer);
        }

        Groups.Add((new ConsumerGroupDefinition(groupId, topics, group.MessageTypes, group.BatchPreparer), group));
        return this;
    }

    /// <summary>
    /// A consumer group that hands records as they are to <typeparamref name="THandler"/>: for topics whose records
    /// need not be valid envelopes, such as the dead-letter topics.
    /// </summary>
    public ChassisBuilder AddRawConsumerGroup<THandler>(string groupId, IReadOnlyList<string> topics)
        where THandler : class, IRawRecordHandler
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(groupId);
        RawGroups.Add((new ConsumerGroupDefinition(groupId, topics, new HashSet<Type>()), typeof(THandler)));
        Services.AddScoped<THandler>();
        return this;
    }

    /// <summary>Adjusts the Serilog configuration (extra sinks, levels) after the chassis defaults.</summary>
    public ChassisBuilder ConfigureLogging(Action<Serilog.LoggerConfiguration> configure)
    {
        LoggingOverrides += configure;
        return this;
    }

    /// <summary>Adds to the OpenTelemetry tracer provider (an exporter, a source) after the chassis defaults.</summary>
    public ChassisBuilder ConfigureTracing(Action<OpenTelemetry.Trace.TracerProviderBuilder> configure)
    {
        TracingOverrides += configure;
        return this;
    }

    /// <summary>Adds the embedded <c>*.sql</c> migrations of <paramref name="assembly"/>.</summary>
    public ChassisBuilder AddMigrations(string name, Assembly assembly)
    {
        Services.AddSingleton(new MigrationSource(name, assembly));
        return this;
    }
}
