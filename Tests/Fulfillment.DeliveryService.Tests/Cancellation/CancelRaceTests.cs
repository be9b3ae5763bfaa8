using Fulfillment.DeliveryService.Persistence;
using Fulfillment.DeliveryService.Tests.Support;
using Fulfillment.Messages;
using Fulfillment.Testing;
using Npgsql;
using NUnit.Framework;

namespace Fulfillment.DeliveryService.Tests.Cancellation;

/// <summary>
/// A cancellation and a tick that want the same waiting delivery at the same moment, made deterministic by holding the
/// row from a connection of the test's own: whoever claims the row first gives the verdict, the other gives none.
/// </summary>
[TestFixture]
public sealed class CancelRaceTests : DeliveryHostTests
{
    private const string WaitingOrder = "order-waiting";

    [Test]
    public async Task A_cancellation_waits_for_a_tick_that_claimed_the_delivery_and_then_emits_nothing()
    {
        var host = await StartWithWaitingDeliveryAsync();
        await using var tick = await ClaimAsync(host);

        // The cancellation must wait for the row; one that does not has already decided from a stale read.
        var cancel = host.ConsumeAsync(Envelopes.OrderCancelled(WaitingOrder));
        await Eventually.ReturnsAsync(
            async () => cancel.IsCompleted || await Sql.CountAsync(host.ConnectionString,
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'") > 0,
            done => done,
            what: "the cancellation waiting for the delivery's row (or done)");
        // What the timeout sweep writes for a delivery it claimed.
        await using (var update = new NpgsqlCommand(
            "UPDATE deliveries SET status = 'FAILED', failure_code = 'no-driver-in-time', reason = 'test' WHERE order_id = @order",
            tick.Connection,
            tick.Transaction))
        {
            update.Parameters.AddWithValue("order", WaitingOrder);
            await update.ExecuteNonQueryAsync();
        }

        await tick.Transaction.CommitAsync();
        await cancel;

        Assert.That(host.Published<DeliveryCancelled>(), Is.Empty);
        Assert.That((await host.DeliveryOfAsync(WaitingOrder)).Status, Is.EqualTo(DeliveryStatuses.Failed));
    }

    [Test]
    public async Task A_tick_skips_a_delivery_a_cancellation_holds_and_the_cancellation_decides()
    {
        var host = await StartWithWaitingDeliveryAsync();
        host.Clock.Advance(TimeSpan.FromHours(2)); // past the timeout, and the only driver has come free

        await using (await ClaimAsync(host, "FOR NO KEY UPDATE"))
        {
            var tick = await host.TickAsync();

            Assert.That(tick.Expired + tick.Assigned, Is.Zero, "a held delivery is neither failed nor assigned");
        }

        await host.ConsumeAsync(Envelopes.OrderCancelled(WaitingOrder));
        var after = await host.TickAsync();

        Assert.That(after.Expired + after.Assigned, Is.Zero);
        Assert.That(host.Published<DeliveryCancelled>(), Has.Count.EqualTo(1));
        Assert.That(await host.OutboxAsync(WaitingOrder), Is.Empty);
        Assert.That((await host.DeliveryOfAsync(WaitingOrder)).Status, Is.EqualTo(DeliveryStatuses.Cancelled));
    }

    private async Task<DeliveryTestHost> StartWithWaitingDeliveryAsync()
    {
        var host = await StartHostAsync("delivery_cancel_race", DeliveryTestHost.OneFarDriver);
        await host.ConsumeAsync(Envelopes.PaymentAuthorized("order-busy", DeliveryTestHost.Destination));
        await host.ConsumeAsync(Envelopes.PaymentAuthorized(WaitingOrder, DeliveryTestHost.Destination));
        Assert.That((await host.DeliveryOfAsync(WaitingOrder)).Status, Is.EqualTo(DeliveryStatuses.WaitingForDriver));
        return host;
    }

    /// <summary>A transaction of the test's own holding the waiting delivery's row, as a tick (FOR UPDATE) or a consumer would.</summary>
    private static async Task<HeldRow> ClaimAsync(DeliveryTestHost host, string lockClause = "FOR UPDATE")
    {
        var connection = new NpgsqlConnection(host.ConnectionString);
        await connection.OpenAsync();
        var held = new HeldRow(connection, await connection.BeginTransactionAsync());
        await using var claim = new NpgsqlCommand($"SELECT 1 FROM deliveries WHERE order_id = @order {lockClause}", connection, held.Transaction);
        claim.Parameters.AddWithValue("order", WaitingOrder);
        Assert.That(await claim.ExecuteScalarAsync(), Is.EqualTo(1));
        return held;
    }

    /// <summary>The test's connection and its open transaction; disposing rolls back what was not committed.</summary>
    private sealed class HeldRow(NpgsqlConnection connection, NpgsqlTransaction transaction) : IAsyncDisposable
    {
        public NpgsqlConnection Connection => connection;

        public NpgsqlTransaction Transaction => transaction;

        public async ValueTask DisposeAsync()
        {
            await transaction.DisposeAsync();
            await connection.DisposeAsync();
        }
    }
}
