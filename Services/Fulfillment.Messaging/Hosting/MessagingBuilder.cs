using System.Reflection;
using Fulfillment.Messages;
using Fulfillment.Messaging.Consuming;
using Fulfillment.Messaging.Persistence;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Fulfillment.Messaging.Hosting;

/// <summary>What a service tells messaging: its consumer groups and its migrations.</summary>
public sealed class MessagingBuilder(IHostApplicationBuilder host, string serviceName)
{
    internal List<(ConsumerGroupDefinition Definition, ConsumerGroupBuilder Components)> Groups { get; } = [];

    internal List<(ConsumerGroupDefinition Definition, Type Handler)> RawGroups { get; } = [];

    public string ServiceName { get; } = serviceName;

    public IServiceCollection Services => host.Services;

    public IConfiguration Configuration => host.Configuration;

    /// <summary>A consumer group named after the service.</summary>
    public MessagingBuilder AddConsumerGroup(Action<ConsumerGroupBuilder> components) =>
        AddConsumerGroup(ServiceName, components);

    /// <summary>
    /// A consumer group subscribed to the topics its consumers' and sagas' message types are published on (the
    /// <see cref="EventRegistry"/> maps each payload to its topic), so a subscription cannot miss a consumer.
    /// </summary>
    public MessagingBuilder AddConsumerGroup(string groupId, Action<ConsumerGroupBuilder> components)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(groupId);
        var group = new ConsumerGroupBuilder(groupId);
        components(group);
        var consumed = group.MessageTypes.Select(type => EventRegistry.For(PayloadOf(type)).Topic).ToHashSet();
        // In the lifecycle's order (Topics.All), as the groups subscribed before topics were derived: the read model's
        // rebuild test failed twice with the alphabetical order (an arrival order still to look into).
        var topics = Topics.All.Where(consumed.Contains).ToList();
        if (topics.Count == 0)
        {
            throw new ArgumentException($"Consumer group '{groupId}' has no consumer or saga.", nameof(components));
        }

        if (group.BatchPreparer is { } preparer)
        {
            Services.TryAddScoped(preparer);
        }

        Groups.Add((new ConsumerGroupDefinition(groupId, topics, group.MessageTypes, group.BatchPreparer, group.Retry, group.MaxBatchSize), group));
        return this;
    }

    // Consumers take EventEnvelope<TPayload>; the registry knows payloads.
    private static Type PayloadOf(Type messageType) =>
        messageType.IsGenericType && messageType.GetGenericTypeDefinition() == typeof(EventEnvelope<>)
            ? messageType.GetGenericArguments()[0]
            : messageType;

    /// <summary>
    /// A consumer group that hands records as they are to <typeparamref name="THandler"/>: for topics whose records
    /// need not be valid envelopes, such as the dead-letter topics.
    /// </summary>
    public MessagingBuilder AddRawConsumerGroup<THandler>(string groupId, IReadOnlyList<string> topics)
        where THandler : class, IRawRecordHandler
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(groupId);
        RawGroups.Add((new ConsumerGroupDefinition(groupId, topics, new HashSet<Type>()), typeof(THandler)));
        Services.AddScoped<THandler>();
        return this;
    }


    /// <summary>Adds the embedded <c>*.sql</c> migrations of <paramref name="assembly"/>.</summary>
    public MessagingBuilder AddMigrations(string name, Assembly assembly)
    {
        Services.AddSingleton(new MigrationSource(name, assembly));
        return this;
    }
}
