using Confluent.Kafka;
using Confluent.Kafka.Admin;
using Fulfillment.Messages;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Fulfillment.Messaging.Kafka;

/// <summary>Creates the contract's topics with the configured partitions when they are missing.</summary>
internal sealed class TopicProvisioner(IOptions<KafkaOptions> options, ILogger<TopicProvisioner> logger)
{
    public async Task EnsureTopicsAsync(CancellationToken cancellationToken)
    {
        var kafka = options.Value;
        if (!kafka.CreateTopics)
        {
            return;
        }

        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = kafka.BootstrapServers }).Build();
        var existing = admin.GetMetadata(TimeSpan.FromSeconds(10)).Topics
            .Where(t => t.Error.Code == ErrorCode.NoError)
            .Select(t => t.Topic)
            .ToHashSet(StringComparer.Ordinal);
        var missing = Topics.All.Where(t => !existing.Contains(t))
            .Select(t => new TopicSpecification { Name = t, NumPartitions = kafka.Partitions, ReplicationFactor = kafka.ReplicationFactor })
            .ToList();
        if (missing.Count == 0)
        {
            return;
        }

        try
        {
            // Brokers without the CreateTopics API (librdkafka's mock) would hold start-up for a minute by default.
            var timeout = TimeSpan.FromSeconds(10);
            await admin.CreateTopicsAsync(missing, new CreateTopicsOptions { RequestTimeout = timeout, OperationTimeout = timeout })
                .WaitAsync(cancellationToken);
            foreach (var topic in missing)
            {
                ChassisLog.TopicCreated(logger, topic.Name, topic.NumPartitions);
            }
        }
        catch (CreateTopicsException ex) when (ex.Results.All(r => r.Error.Code is ErrorCode.NoError or ErrorCode.TopicAlreadyExists))
        {
            // Created concurrently by another service: fine.
        }
        catch (KafkaException ex)
        {
            ChassisLog.TopicCreationSkipped(logger, ex.Error.Reason);
        }
    }
}
