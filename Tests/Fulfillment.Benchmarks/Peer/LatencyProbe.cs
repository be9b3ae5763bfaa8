using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Confluent.Kafka;
using Fulfillment.Messages;
using Fulfillment.Testing;

namespace Fulfillment.Benchmarks.Peer;

/// <summary>
/// End-to-end latency at a fixed rate: a fresh pass of the variant works through the input topic's backlog, then
/// events are produced open loop (event <c>i</c> due at start + <c>i</c> / rate, whether or not earlier ones are done)
/// and an independent consumer reads the outbound topic from where it stood. Per event: from handing the input record
/// to the producer to reading the outbound event it caused (matched by its <c>causationId</c>): produce, consume,
/// inbox, update, outbox, commit, send, broker acknowledgement (a record is readable only once appended), fetch. The
/// same path for both variants, on one monotonic clock.
/// </summary>
public sealed class LatencyProbe(BenchOptions options, PostgresServer postgres, string bootstrapServers, TopicCounter topics)
{
    public async Task<LatencyResult> RunAsync(PeerVariant variant)
    {
        var backlog = topics.Count(Topics.OrderEvents);
        var count = options.LatencyRate * options.LatencySeconds;
        var latencies = new ConcurrentBag<double>();
        await PeerBenchmark.PassAsync(
            variant, $"peer-{variant.Name}-latency", backlog + count, topics, postgres, backlog,
            () => ProduceAndReadAsync(variant.OutboundTopic, (int)backlog, count, latencies));
        var sorted = latencies.Order().ToList();
        double At(double share) => sorted[Math.Min(sorted.Count - 1, (int)(share * sorted.Count))];
        return new LatencyResult(variant.Name, options.LatencyRate, sorted.Count, At(0.50), At(0.95), At(0.99), sorted[^1]);
    }

    private async Task ProduceAndReadAsync(string outboundTopic, int first, int count, ConcurrentBag<double> latencies)
    {
        var sent = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
        using var reader = new ConsumerBuilder<string, byte[]>(new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = "bench-latency-reader",
            EnableAutoCommit = false,
            FetchWaitMaxMs = 5,
        }).Build();
        reader.Assign(topics.Partitions(outboundTopic).Select(partition => new TopicPartitionOffset(partition, topics.HighWatermark(partition))));
        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        var unkeyed = 0;
        var reading = Task.Run(() =>
        {
            while (latencies.Count < count && !stop.IsCancellationRequested)
            {
                var record = reader.Consume(TimeSpan.FromMilliseconds(100));
                var now = Stopwatch.GetTimestamp();
                if (record is null || JsonSerializer.Deserialize<EventEnvelope<JsonElement>>(record.Message.Value, FulfillmentJson.Options) is not { } outbound)
                {
                    continue;
                }

                if (outbound.CausationId is { } cause && sent.TryRemove(cause, out var at))
                {
                    latencies.Add(Stopwatch.GetElapsedTime(at, now).TotalMilliseconds);
                }

                // Both should key the outbound record by the order id (per-key order downstream depends on it): reported, not enforced.
                if (record.Message.Key != outbound.OrderId && Interlocked.Increment(ref unkeyed) == 1)
                {
                    Console.WriteLine($"  an outbound record keyed '{record.Message.Key}' for order '{outbound.OrderId}'");
                }
            }
        });

        using var producer = InputEvents.Producer(bootstrapServers, lingerMs: 0);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            var wait = TimeSpan.FromSeconds(i / (double)options.LatencyRate) - clock.Elapsed;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }

            var (eventId, record) = InputEvents.Create(first + i, options.Keys);
            sent[eventId.ToString()] = Stopwatch.GetTimestamp();
            producer.Produce(Topics.OrderEvents, record);
        }

        producer.Flush(TimeSpan.FromSeconds(30));
        await reading;
        if (latencies.Count < count)
        {
            throw new InvalidOperationException($"Read {latencies.Count:N0} of {count:N0} outbound events within the time allowed.");
        }

        if (unkeyed > 0)
        {
            Console.WriteLine($"  {unkeyed:N0} outbound records read with a key other than their order id");
        }
    }
}
