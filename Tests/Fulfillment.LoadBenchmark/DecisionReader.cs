using System.Text;
using Confluent.Kafka;
using Fulfillment.Messaging.Kafka;

namespace Fulfillment.LoadBenchmark;

/// <summary>
/// Reads a service's output topic from the beginning in the background, as an independent consumer (a group of its
/// own), and keeps the timestamp of every record whose <c>eventType</c> header is one of the decision types: when the
/// service's outbox relay produced it. The value is never deserialized.
/// </summary>
public sealed class DecisionReader : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly List<DateTimeOffset> _published = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _reading;

    public DecisionReader(string bootstrapServers, string topic, IReadOnlyList<string> decisionTypes)
    {
        var config = new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = $"service-benchmark-reader-{Guid.NewGuid():N}",
            AutoOffsetReset = AutoOffsetReset.Earliest,
            EnableAutoCommit = false,
        };
        var types = decisionTypes.Select(t => Encoding.UTF8.GetBytes(t)).ToList();
        _reading = Task.Run(() => Read(config, topic, types, _stop.Token));
    }

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _published.Count;
            }
        }
    }

    /// <summary>The decisions' record timestamps so far, ascending.</summary>
    public List<DateTimeOffset> Published()
    {
        lock (_gate)
        {
            return [.. _published.Order()];
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _reading;
        _stop.Dispose();
    }

    private void Read(ConsumerConfig config, string topic, List<byte[]> types, CancellationToken stop)
    {
        using var consumer = new ConsumerBuilder<Ignore, Ignore>(config).Build();
        consumer.Subscribe(topic);
        while (!stop.IsCancellationRequested)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(100)) is { IsPartitionEOF: false } result
                && result.Message.Headers is { } headers && headers.TryGetLastBytes(RecordHeaders.EventType, out var type)
                && types.Exists(t => t.AsSpan().SequenceEqual(type)))
            {
                lock (_gate)
                {
                    _published.Add(result.Message.Timestamp.UtcDateTime);
                }
            }
        }

        consumer.Close();
    }
}
