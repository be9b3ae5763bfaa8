using Microsoft.Extensions.Hosting;

namespace Fulfillment.Benchmarks.Peer;

/// <summary>
/// One side of the comparison: a host that consumes the input topic, records each event in a durable inbox, updates
/// one row, emits one event through a durable outbox to <see cref="OutboundTopic"/> and commits.
/// </summary>
public abstract class PeerVariant
{
    public abstract string Name { get; }

    public abstract string OutboundTopic { get; }

    /// <summary>A counter of the framework's own, incremented once per event after its transaction committed.</summary>
    public abstract Measure StartMeasure(string passName, long work);

    /// <summary>Schema and seed rows the host does not create itself.</summary>
    public virtual Task PrepareAsync(string database) => Task.CompletedTask;

    public abstract Task<IHost> StartAsync(string database, string passName);

    /// <summary>SQL that returns <paramref name="expected"/> only when every event is in the inbox, changed its row once and left the outbox.</summary>
    public abstract string VerifySql(long expected);
}
