using System.Reflection;
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
    public MessagingBuilder AddConsumerGroup(IReadOnlyList<string> topics, Action<ConsumerGroupBuilder> components) =>
        AddConsumerGroup(ServiceName, topics, components);

    public MessagingBuilder AddConsumerGroup(string groupId, IReadOnlyList<string> topics, Action<ConsumerGroupBuilder> components)
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
