using Fulfillment.Messaging.Hosting;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Fulfillment.QueryApi.Orders.Rebuild;

/// <summary>
/// Rebuilds the read model when <see cref="ReadModelOptions.Generation"/> has been raised since the tables were
/// built: truncates them and forgets the old group's inbox, before any consumer starts.
/// </summary>
/// <remarks>
/// The rebuild needs the read model's consumer to start again from the first offset of every topic. Resetting a
/// group's committed offsets needs Kafka admin tooling and a stopped group; a consumer group Kafka has never seen
/// starts from the beginning by itself (<c>auto.offset.reset=earliest</c>, the chassis default). So each generation
/// consumes under its own group id, and the service knows from <c>read_model_state</c> which generation the tables
/// hold. The check runs in the chassis' start-up phase (after the migrations, before the consumer hosts start), under
/// the row lock, so instances starting together truncate once. Lowering the generation is refused: the older group
/// would resume from its stale offsets on top of tables a newer group has built.
/// </remarks>
internal sealed class ReadModelRebuilder(
    NpgsqlDataSource database,
    IOptions<ReadModelOptions> options,
    ILogger<ReadModelRebuilder> logger) : StartupTask
{
    private const string ReadModelName = "orders";

    public override async Task StartingAsync(CancellationToken cancellationToken)
    {
        var wanted = options.Value.Generation;
        if (wanted < 0)
        {
            throw new InvalidOperationException($"ReadModel:Generation must be 0 or more, not {wanted}.");
        }

        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        int current;
        string currentGroup;
        await using (var read = new NpgsqlCommand(
            "SELECT generation, consumer_group FROM read_model_state WHERE name = @name FOR UPDATE", connection, transaction))
        {
            read.Parameters.AddWithValue("name", ReadModelName);
            await using var reader = await read.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                throw new InvalidOperationException("read_model_state has no 'orders' row; the migrations did not run.");
            }

            current = reader.GetInt32(0);
            currentGroup = reader.GetString(1);
        }

        if (wanted < current)
        {
            throw new InvalidOperationException(
                $"ReadModel:Generation is {wanted} but the read model was built by generation {current} " +
                $"(consumer group {currentGroup}). Set it to {current}, or to {current + 1} to rebuild.");
        }

        var group = ReadModelOptions.GroupOf(wanted);
        if (wanted > current)
        {
            await ExecuteAsync(connection, transaction, "TRUNCATE orders, order_timeline", cancellationToken);
            await using (var forget = new NpgsqlCommand(
                "DELETE FROM inbox_messages WHERE consumer_group = ANY(@groups)", connection, transaction))
            {
                forget.Parameters.AddWithValue("groups", new[] { currentGroup, group });
                await forget.ExecuteNonQueryAsync(cancellationToken);
            }

            await using var record = new NpgsqlCommand(
                "UPDATE read_model_state SET generation = @generation, consumer_group = @group, rebuilt_at = now() WHERE name = @name",
                connection,
                transaction);
            record.Parameters.AddWithValue("generation", wanted);
            record.Parameters.AddWithValue("group", group);
            record.Parameters.AddWithValue("name", ReadModelName);
            await record.ExecuteNonQueryAsync(cancellationToken);
            Log.ReadModelRebuilding(logger, wanted, current, group);
        }
        else
        {
            Log.ReadModelGeneration(logger, wanted, group);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private static async Task ExecuteAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
