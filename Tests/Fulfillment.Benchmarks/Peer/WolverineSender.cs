using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Confluent.Kafka;
using Fulfillment.Messages;
using Fulfillment.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Wolverine;
using Wolverine.EntityFrameworkCore;

namespace Fulfillment.Benchmarks.Peer;

/// <summary>
/// Wolverine's durable outbox alone, on the relay benchmark's records (<see cref="RelayBenchmark"/>): the same
/// events, keyed the same, published through <see cref="IDbContextOutbox{T}"/> and committed in one transaction
/// (untimed, as the relay round's insert is); timed from the flush to the durable sending agent until every record
/// is on the topic and Wolverine's outgoing table is empty again (the relay's round likewise ends with its rows
/// deleted). One host throughout, as the relay's.
/// </summary>
public sealed class WolverineSender(BenchOptions options, PostgresServer postgres, string bootstrapServers, TopicCounter topics) : IDisposable
{
    private const string Name = "peer-wolverine-sender";

    private IHost? _host;
    private string _database = "";

    public async Task<double> RateAsync(List<Message<string, byte[]>> records)
    {
        if (_host is null)
        {
            _database = await postgres.CreateDatabaseAsync(Name.Replace('-', '_'), CancellationToken.None);
            _host = await WolverineHost.StartAsync(_database, bootstrapServers, Name, options, listen: false);
        }

        var messages = records
            .Select(record => (record.Key, Event: JsonSerializer.Deserialize<EventEnvelope<InventoryReserved>>(record.Value, FulfillmentJson.Options)!))
            .ToList();
        var before = topics.Count(WolverineHost.SenderTopic);
        await using var scope = _host.Services.CreateAsyncScope();
        var outbox = scope.ServiceProvider.GetRequiredService<IDbContextOutbox<PeerDbContext>>();
        foreach (var (key, message) in messages)
        {
            await outbox.PublishAsync(message, new DeliveryOptions { PartitionKey = key });
        }

        // SaveChangesAndFlushMessagesAsync in two steps, so that the commit stays out of the timing.
        await outbox.DbContext.SaveChangesAsync();
        if (outbox.DbContext.Database.CurrentTransaction is not null)
        {
            await outbox.DbContext.Database.CommitTransactionAsync();
        }

        await using var source = NpgsqlDataSource.Create(_database);
        await using var pending = source.CreateCommand($"SELECT count(*) FROM {WolverineHost.Schema}.wolverine_outgoing_envelopes");
        var committed = Convert.ToInt64(await pending.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
        if (committed != records.Count)
        {
            throw new InvalidOperationException($"{committed:N0} outgoing envelopes committed before the flush, expected {records.Count:N0}.");
        }

        var clock = Stopwatch.StartNew();
        await outbox.FlushOutgoingMessagesAsync();
        await topics.WaitForAsync(WolverineHost.SenderTopic, before + records.Count, TimeSpan.FromMinutes(10));
        while (Convert.ToInt64(await pending.ExecuteScalarAsync(), CultureInfo.InvariantCulture) > 0)
        {
            await Task.Delay(20);
        }

        var elapsed = clock.Elapsed;
        var sent = topics.Count(WolverineHost.SenderTopic) - before;
        return sent == records.Count
            ? records.Count / elapsed.TotalSeconds
            : throw new InvalidOperationException($"Wolverine's sender put {sent:N0} records on the topic, expected {records.Count:N0}.");
    }

    public void Dispose() => _host?.Dispose();
}
