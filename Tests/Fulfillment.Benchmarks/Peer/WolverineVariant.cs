using Fulfillment.Messaging.Persistence;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Wolverine;

namespace Fulfillment.Benchmarks.Peer;

/// <summary>WolverineFx with its durable Kafka listener, PostgreSQL message storage and durable outbox (see <see cref="WolverineHost"/>).</summary>
public sealed class WolverineVariant(BenchOptions options, string bootstrapServers) : PeerVariant
{
    public override string Name => "Wolverine";

    public override string OutboundTopic => WolverineHost.OutboundTopic;

    public override Measure StartMeasure(string passName, long work) =>
        Measure.Start(MetricsConstants.MessagesSucceeded, work, meter: WolverineHost.MeterName(passName));

    /// <summary>The benchmark's own tables (its migrations, applied as the chassis applies them) and the seeded accounts.</summary>
    public override async Task PrepareAsync(string database)
    {
        await new SchemaMigrator(database, [new MigrationSource("benchmark", typeof(WolverineVariant).Assembly)], NullLogger<SchemaMigrator>.Instance)
            .MigrateAsync(CancellationToken.None);
        await using var source = NpgsqlDataSource.Create(database);
        await AccountSeeding.SeedAsync(source, options.Keys, CancellationToken.None);
    }

    public override Task<IHost> StartAsync(string database, string passName) =>
        WolverineHost.StartAsync(database, bootstrapServers, passName, options);

    // Wolverine keeps a handled envelope (status 'Handled') for DurabilitySettings.KeepAfterMessageHandling (5 min).
    public override string VerifySql(long expected) => $"""
        SELECT least(
            (SELECT count(*) FROM {WolverineHost.Schema}.wolverine_incoming_envelopes WHERE status = 'Handled'),
            (SELECT sum(events) FROM bench_accounts),
            CASE WHEN EXISTS (SELECT FROM {WolverineHost.Schema}.wolverine_outgoing_envelopes) THEN -1 ELSE {expected} END)
        """;
}
