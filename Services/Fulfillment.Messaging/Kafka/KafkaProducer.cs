using Confluent.Kafka;
using Fulfillment.ServiceDefaults.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Fulfillment.Messaging.Kafka;

/// <summary>The service's one producer: idempotent, <c>acks=all</c>, so a retried send never duplicates or reorders.</summary>
public sealed class KafkaProducer : IDisposable
{
    private readonly IProducer<string, byte[]> _producer;

    public KafkaProducer(IOptions<KafkaOptions> options, ServiceIdentity service, ILogger<KafkaProducer> logger)
    {
        var config = new ProducerConfig
        {
            BootstrapServers = options.Value.BootstrapServers,
            ClientId = service.Name,
            EnableIdempotence = true,
            Acks = Acks.All,
            LingerMs = 2,
            MessageTimeoutMs = 30_000,

            // Callers read a delivery's error, partition and offset only; copying each record's headers, key and value
            // back out of librdkafka for every acknowledgement cost allocations and time on the delivery thread.
            DeliveryReportFields = "status",
        };
        _producer = new ProducerBuilder<string, byte[]>(config)
            .SetLogHandler((_, message) => ChassisLog.KafkaClientLog(logger, message.Facility, message.Message))
            .SetErrorHandler((_, error) => ChassisLog.KafkaClientError(logger, error.Code, error.Reason))
            .Build();
    }

    /// <summary>Hands a record to librdkafka without waiting; <paramref name="onDelivered"/> runs on its thread.</summary>
    public void Produce(string topic, Message<string, byte[]> message, Action<DeliveryReport<string, byte[]>> onDelivered) =>
        _producer.Produce(topic, message, onDelivered);

    public Task<DeliveryResult<string, byte[]>> ProduceAsync(
        string topic, Message<string, byte[]> message, CancellationToken cancellationToken) =>
        _producer.ProduceAsync(topic, message, cancellationToken);

    public void Flush(TimeSpan timeout) => _producer.Flush(timeout);

    public void Dispose()
    {
        _producer.Flush(TimeSpan.FromSeconds(5));
        _producer.Dispose();
    }
}
