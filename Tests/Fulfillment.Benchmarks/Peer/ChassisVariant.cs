using Fulfillment.Messages;
using Microsoft.Extensions.Hosting;

namespace Fulfillment.Benchmarks.Peer;

/// <summary>The chassis's consumer host in the update mode, with its relay on (the peer's outbox also sends).</summary>
public sealed class ChassisVariant(BenchOptions options, string bootstrapServers) : PeerVariant
{
    public override string Name => "chassis";

    public override string OutboundTopic => Topics.InventoryEvents;

    public override Measure StartMeasure(string passName, long work) => Measure.Start("fulfillment.consumer.records.handled", work);

    public override Task<IHost> StartAsync(string database, string passName) =>
        BenchHost.StartAsync(database, bootstrapServers, BenchMode.UpdateRow, passName, options, relay: true);

    public override string VerifySql(long expected) => $"""
        SELECT least((SELECT count(*) FROM inbox_messages), (SELECT sum(events) FROM bench_accounts),
            CASE WHEN EXISTS (SELECT FROM outbox_messages) THEN -1 ELSE {expected} END)
        """;
}
