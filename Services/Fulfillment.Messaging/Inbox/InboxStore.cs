using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Fulfillment.Messaging.Inbox;

/// <summary>
/// The idempotent inbox. Claiming inserts (consumer group, eventId) rows in the handling transaction: an event seen
/// before yields no row, so it is skipped, and a claim that rolls back with its transaction never happened.
/// </summary>
internal static class InboxStore
{
    private const string ClaimSql = """
        INSERT INTO inbox_messages (consumer_group, event_id)
        SELECT @group, id FROM unnest(@ids) AS claimed(id)
        ON CONFLICT DO NOTHING
        RETURNING event_id
        """;

    /// <summary>Returns the ids this transaction claimed first: the events to handle.</summary>
    public static async Task<HashSet<Guid>> ClaimAsync(
        DbContext db, string consumerGroup, IReadOnlyCollection<Guid> eventIds, CancellationToken cancellationToken)
    {
        var transaction = db.Database.CurrentTransaction
            ?? throw new InvalidOperationException("The inbox is claimed inside the handling transaction.");
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using var command = new NpgsqlCommand(ClaimSql, connection, (NpgsqlTransaction)transaction.GetDbTransaction());
        command.Parameters.AddWithValue("group", consumerGroup);
        // In one order for every batch: two units of work claiming overlapping ids (a partition handed over mid-batch)
        // wait on each other's unique-index entries in the same order, never in opposite ones.
        command.Parameters.AddWithValue("ids", eventIds.Distinct().Order().ToArray());

        var claimed = new HashSet<Guid>(eventIds.Count);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            claimed.Add(reader.GetGuid(0));
        }

        return claimed;
    }
}
