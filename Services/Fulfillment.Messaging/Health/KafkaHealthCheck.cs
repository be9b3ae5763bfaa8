using Confluent.Kafka;
using Fulfillment.Messaging.Consuming;
using Fulfillment.Messaging.Kafka;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Fulfillment.Messaging.Health;

/// <summary>Kafka answers a metadata request, and every consumer group of this process owns partitions.</summary>
internal sealed class KafkaHealthCheck(IOptions<KafkaOptions> options, ConsumerGroupStatus groups) : IHealthCheck, IDisposable
{
    private readonly Lazy<IAdminClient> _admin = new(() =>
        new AdminClientBuilder(new AdminClientConfig { BootstrapServers = options.Value.BootstrapServers }).Build());

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var metadata = _admin.Value.GetMetadata(TimeSpan.FromSeconds(2));
            if (metadata.Brokers.Count == 0)
            {
                return Task.FromResult(HealthCheckResult.Unhealthy("Kafka reports no brokers."));
            }
        }
        catch (KafkaException ex)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("Kafka is unreachable.", ex));
        }

        var idle = groups.AssignedPartitions.Where(g => g.Value == 0).Select(g => g.Key).ToList();
        return Task.FromResult(idle.Count == 0
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy($"Consumer groups without partitions: {string.Join(", ", idle)}."));
    }

    public void Dispose()
    {
        if (_admin.IsValueCreated)
        {
            _admin.Value.Dispose();
        }
    }
}
