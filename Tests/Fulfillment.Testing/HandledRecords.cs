using Fulfillment.Messages;

namespace Fulfillment.Testing;

/// <summary>Records given to a running service, and the wait until it has handled them all.</summary>
public static class HandledRecords
{
    /// <summary>
    /// Produces the records in order, each to its event type's topic, then waits until every one is in the service's
    /// inbox (its unit of work committed) and the outbox is empty (what it published is on Kafka).
    /// </summary>
    public static async Task ProduceAndWaitAsync<TProgram>(
        ServiceUnderTest<TProgram> service, IReadOnlyList<IEventEnvelope> envelopes, TimeSpan patience)
        where TProgram : class
    {
        foreach (var envelope in envelopes)
        {
            await KafkaTopic.ProduceAsync(service.BootstrapServers, envelope);
        }

        var ids = envelopes.Select(e => e.EventId).Distinct().ToArray();
        await Eventually.ReturnsAsync(
            () => Sql.CountAsync(service.ConnectionString, "SELECT count(*) FROM inbox_messages WHERE event_id = ANY(@ids)", ("ids", ids)),
            count => count == ids.Length,
            patience,
            "every record handled");
        await Eventually.ReturnsAsync(
            () => Sql.CountAsync(service.ConnectionString, "SELECT count(*) FROM outbox_messages"), count => count == 0, patience, "the outbox drained");
    }
}
