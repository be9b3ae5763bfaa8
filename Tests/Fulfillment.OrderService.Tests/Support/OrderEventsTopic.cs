using Fulfillment.Messages;
using Fulfillment.Testing;

namespace Fulfillment.OrderService.Tests.Support;

/// <summary>What order-service produced to raw.order-events, read to the end without waiting for a quiet period.</summary>
public static class OrderEventsTopic
{
    /// <summary>
    /// Every record of <paramref name="orderIds"/> on raw.order-events. Call once the service's outbox is empty (all it
    /// wrote is acknowledged): a sentinel is then produced on each order's key, so into its partition after everything
    /// the service produced for it, and reading stops when every sentinel has been read.
    /// </summary>
    public static async Task<List<IEventEnvelope>> ReadAllAsync(string bootstrapServers, IReadOnlyCollection<string> orderIds, TimeSpan timeout)
    {
        var sentinels = orderIds
            .Select(id => (IEventEnvelope)TestEnvelopes.For(id, new OrderCreated("sentinel", [new OrderLine("S", 1, 1m)], 1m, "EUR", new GeoPoint(0, 0)), "sentinel"))
            .ToList();
        var pending = sentinels.Select(s => s.EventId).ToHashSet();
        await KafkaTopic.ProduceAsync(bootstrapServers, Topics.OrderEvents, sentinels);

        var seen = 0;
        var records = await KafkaTopic.ReadUntilAsync(
            bootstrapServers,
            Topics.OrderEvents,
            read =>
            {
                for (; seen < read.Count; seen++)
                {
                    pending.Remove(read[seen].Envelope.EventId);
                }

                return pending.Count == 0;
            },
            timeout);
        if (pending.Count > 0)
        {
            throw new TimeoutException($"{pending.Count} of {sentinels.Count} sentinels not read back from {Topics.OrderEvents} within {timeout}");
        }

        var keys = orderIds.ToHashSet(StringComparer.Ordinal);
        return [.. records.Where(r => keys.Contains(r.Key) && r.Envelope.Producer != "sentinel").Select(r => r.Envelope)];
    }
}
