using Fulfillment.Messages;
using Fulfillment.Sagas.Tests.Support;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NUnit.Framework;

namespace Fulfillment.Sagas.Tests.Persistence;

/// <summary>The PostgreSQL saga repository on a real database, driven through MassTransit's mediator as the chassis does.</summary>
[TestFixture]
public sealed class PostgresSagaRepositoryTests : SagaDatabaseTest
{
    [Test]
    public async Task The_first_event_inserts_the_saga_at_version_1()
    {
        var order = OrderEvents.ForNewOrder();
        var created = order.Created();

        await SagaHost.HandleAsync(created);

        var view = await Queries.FindAsync(order.OrderId, CancellationToken.None);
        Assert.That(view, Is.Not.Null);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(view!.OrderId, Is.EqualTo(order.OrderId));
            Assert.That(view.CorrelationId, Is.EqualTo(Guid.Parse(order.OrderId)));
            Assert.That(view.State, Is.EqualTo(OrderSagaStatus.Created));
            Assert.That(view.Version, Is.EqualTo(1));
            Assert.That(view.CreatedAt, Is.EqualTo(ClockStart));
            Assert.That(view.Milestones.OrderCreated, Is.EqualTo(created.OccurredAt));
            Assert.That(view.History, Is.EqualTo(new[]
            {
                new SagaTransition(null, OrderSagaStatus.Created, EventTypes.OrderCreated, created.EventId, ClockStart, created.OccurredAt, null),
            }));
        }
    }

    [Test]
    public async Task Each_later_event_updates_the_row_and_bumps_the_version()
    {
        var order = OrderEvents.ForNewOrder();
        await SagaHost.HandleAsync(order.Created());
        Clock.Advance(TimeSpan.FromSeconds(5));
        await SagaHost.HandleAsync(order.Reserved());
        Clock.Advance(TimeSpan.FromSeconds(5));
        var failed = order.PaymentFailed("insufficient funds");
        await SagaHost.HandleAsync(failed);
        var released = order.Released();
        await SagaHost.HandleAsync(released);

        var view = await Queries.FindAsync(order.OrderId, CancellationToken.None);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(view!.State, Is.EqualTo(OrderSagaStatus.PaymentFailed));
            Assert.That(view.Version, Is.EqualTo(4));
            Assert.That(view.Terminal, Is.True);
            Assert.That(view.FailureReason, Is.EqualTo("insufficient funds"));
            Assert.That(view.StockReleased, Is.True);
            Assert.That(view.Milestones.PaymentFailed, Is.EqualTo(failed.OccurredAt));
            Assert.That(view.Milestones.StockReleased, Is.EqualTo(released.OccurredAt));
            Assert.That(view.StateEnteredAt, Is.EqualTo(ClockStart.AddSeconds(10)));
            Assert.That(view.UpdatedAt, Is.EqualTo(ClockStart.AddSeconds(10)));
            Assert.That(view.History.Select(t => t.To), Is.EqualTo(new[]
            {
                OrderSagaStatus.Created, OrderSagaStatus.InventoryReserved, OrderSagaStatus.PaymentFailed, OrderSagaStatus.PaymentFailed,
            }));
            Assert.That(view.History[^1].Note, Is.EqualTo(SagaTransitionNotes.Compensation));
        }
    }

    [Test]
    public async Task Every_field_survives_the_round_trip_through_the_table()
    {
        var order = OrderEvents.ForNewOrder();
        await SagaHost.HandleAsync(order.Created(), order.Reserved(), order.Authorized(), order.Assigned());
        await SagaHost.HandleAsync(order.Eta(4));
        await SagaHost.HandleAsync(order.Confirmed(), order.Invoiced());
        await SagaHost.HandleAsync(order.Completed());

        OrderState? loaded;
        await using (var scope = SagaHost.Services.CreateAsyncScope())
        {
            var repository = scope.ServiceProvider.GetRequiredService<ILoadSagaRepository<OrderState>>();
            loaded = await repository.Load(OrderSagaId.From(order.OrderId));
        }

        Assert.That(loaded, Is.Not.Null);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(loaded!.CurrentState, Is.EqualTo(OrderSagaStatus.Delivered));
            // One write per event that changed the saga, whether or not they shared a transaction.
            Assert.That(loaded.Version, Is.EqualTo(8));
            Assert.That(loaded.EtaSequence, Is.EqualTo(4));
            Assert.That(loaded.EstimatedArrival, Is.EqualTo(OrderEvents.EtaOf(4)));
            Assert.That(loaded.OrderCreatedAt, Is.EqualTo(OrderEvents.OccurredAt(0)));
            Assert.That(loaded.InventoryReservedAt, Is.EqualTo(OrderEvents.OccurredAt(1)));
            Assert.That(loaded.PaymentAuthorizedAt, Is.EqualTo(OrderEvents.OccurredAt(2)));
            Assert.That(loaded.DeliveryAssignedAt, Is.EqualTo(OrderEvents.OccurredAt(3)));
            Assert.That(loaded.DeliveredAt, Is.EqualTo(OrderEvents.OccurredAt(60)));
            Assert.That(loaded.InventoryRejectedAt, Is.Null);
            Assert.That(loaded.PaymentFailedAt, Is.Null);
            Assert.That(loaded.FailureReason, Is.Null);
            Assert.That(loaded.Stalled, Is.False);
            Assert.That(loaded.OrderConfirmedAt, Is.EqualTo(OrderEvents.OccurredAt(2)));
            Assert.That(loaded.InvoiceIssuedAt, Is.EqualTo(OrderEvents.OccurredAt(3)));
            Assert.That(loaded.InvoiceNumber, Is.EqualTo("INV-2026-000007"));
            Assert.That(loaded.History, Has.Count.EqualTo(7));
        }
    }

    [Test]
    public async Task A_duplicate_event_writes_nothing()
    {
        var order = OrderEvents.ForNewOrder();
        var created = order.Created();
        await SagaHost.HandleAsync(created);
        Clock.Advance(TimeSpan.FromMinutes(1));

        await SagaHost.HandleAsync(created);
        await SagaHost.HandleAsync(order.Eta(0));
        await SagaHost.HandleAsync(created);

        var view = await Queries.FindAsync(order.OrderId, CancellationToken.None);
        using (Assert.EnterMultipleScope())
        {
            // The ETA update moved the state once (version 2); the duplicates wrote nothing.
            Assert.That(view!.Version, Is.EqualTo(2));
            Assert.That(view.History.Count(t => t.EventId == created.EventId), Is.EqualTo(1));
        }
    }

    [Test]
    public async Task Several_events_of_one_order_in_one_transaction_are_all_applied()
    {
        var order = OrderEvents.ForNewOrder();

        await SagaHost.HandleAsync(order.Authorized(), order.Created(), order.Reserved());

        var view = await Queries.FindAsync(order.OrderId, CancellationToken.None);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(view!.State, Is.EqualTo(OrderSagaStatus.PaymentAuthorized));
            Assert.That(view.Version, Is.EqualTo(3));
            Assert.That(view.History, Has.Count.EqualTo(3));
        }
    }

    [Test]
    public async Task A_rolled_back_transaction_leaves_neither_the_saga_nor_the_inbox_row()
    {
        var order = OrderEvents.ForNewOrder();
        var created = order.Created();

        await using (var unit = await SagaHost.BeginAsync())
        {
            await ClaimInboxAsync(unit.Db, created.EventId);
            await unit.SendAsync(created);
            await unit.RollbackAsync();
        }

        using (Assert.EnterMultipleScope())
        {
            Assert.That(await Queries.FindAsync(order.OrderId, CancellationToken.None), Is.Null);
            Assert.That(await InboxRowsAsync(created.EventId), Is.Zero);
        }

        // The same work committed: both are there, written by one transaction.
        await using (var unit = await SagaHost.BeginAsync())
        {
            await ClaimInboxAsync(unit.Db, created.EventId);
            await unit.SendAsync(created);
            await unit.CommitAsync();
        }

        using (Assert.EnterMultipleScope())
        {
            Assert.That(await Queries.FindAsync(order.OrderId, CancellationToken.None), Is.Not.Null);
            Assert.That(await InboxRowsAsync(created.EventId), Is.EqualTo(1));
        }
    }

    [Test]
    public async Task A_saga_written_in_an_uncommitted_transaction_is_invisible_to_others()
    {
        var order = OrderEvents.ForNewOrder();

        await using var unit = await SagaHost.BeginAsync();
        await unit.SendAsync(order.Created());

        Assert.That(await Queries.FindAsync(order.OrderId, CancellationToken.None), Is.Null);
        await unit.CommitAsync();
        Assert.That(await Queries.FindAsync(order.OrderId, CancellationToken.None), Is.Not.Null);
    }

    [Test]
    public async Task Without_a_current_transaction_the_repository_commits_its_own()
    {
        var order = OrderEvents.ForNewOrder();

        await SagaHost.SendWithoutTransactionAsync(order.Created());
        await SagaHost.SendWithoutTransactionAsync(order.Reserved());

        var view = await Queries.FindAsync(order.OrderId, CancellationToken.None);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(view!.State, Is.EqualTo(OrderSagaStatus.InventoryReserved));
            Assert.That(view.Version, Is.EqualTo(2));
        }
    }

    [Test]
    public async Task An_update_that_lost_to_a_concurrent_transaction_throws_and_succeeds_when_handled_again()
    {
        var order = OrderEvents.ForNewOrder();
        await SagaHost.HandleAsync(order.Created());
        var authorized = order.Authorized();

        await using var first = await SagaHost.BeginAsync();
        await first.SendAsync(order.Reserved());
        await using var second = await SagaHost.BeginAsync();
        // Reads version 1, then waits on the row lock of the first transaction.
        var losing = second.SendAsync(authorized);
        await SagaRows.WaitForLockWaitAsync(ConnectionString);
        await first.CommitAsync();

        Assert.That(async () => await losing, Throws.InstanceOf<ConcurrencyException>());
        await second.RollbackAsync();

        // What the chassis does next: the record again, in a new scope and transaction.
        await SagaHost.HandleAsync(authorized);
        var view = await Queries.FindAsync(order.OrderId, CancellationToken.None);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(view!.State, Is.EqualTo(OrderSagaStatus.PaymentAuthorized));
            Assert.That(view.Version, Is.EqualTo(3));
            Assert.That(view.History.Select(t => t.EventType), Is.EqualTo(new[]
            {
                EventTypes.OrderCreated, EventTypes.InventoryReserved, EventTypes.PaymentAuthorized,
            }));
        }
    }

    [Test]
    public async Task A_creation_that_lost_to_a_concurrent_creation_throws_and_succeeds_when_handled_again()
    {
        var order = OrderEvents.ForNewOrder();
        var reserved = order.Reserved();

        await using var first = await SagaHost.BeginAsync();
        await first.SendAsync(order.Created());
        await using var second = await SagaHost.BeginAsync();
        // Finds no committed saga, creates one, and waits on the primary key held by the first transaction.
        var losing = second.SendAsync(reserved);
        await SagaRows.WaitForLockWaitAsync(ConnectionString);
        await first.CommitAsync();

        Assert.That(async () => await losing, Throws.InstanceOf<ConcurrencyException>());
        await second.RollbackAsync();

        await SagaHost.HandleAsync(reserved);
        var view = await Queries.FindAsync(order.OrderId, CancellationToken.None);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(view!.State, Is.EqualTo(OrderSagaStatus.InventoryReserved));
            Assert.That(view.Version, Is.EqualTo(2));
            Assert.That(view.History, Has.Count.EqualTo(2));
        }
    }

    [Test]
    public async Task An_unknown_order_has_no_saga()
    {
        Assert.That(await Queries.FindAsync("no-such-order", CancellationToken.None), Is.Null);
    }

    private static Task<int> ClaimInboxAsync(DbContext db, Guid eventId) =>
        db.Database.ExecuteSqlAsync($"INSERT INTO inbox_messages (consumer_group, event_id) VALUES ('query-api', {eventId})");

    private Task<long> InboxRowsAsync(Guid eventId) =>
        SagaRows.CountAsync(ConnectionString, "SELECT count(*) FROM inbox_messages WHERE event_id = @id", ("id", eventId));
}
