using Fulfillment.Messages;
using Fulfillment.Sagas.Tests.Support;
using NUnit.Framework;

namespace Fulfillment.Sagas.Tests.StateMachine;

/// <summary>
/// The same events in every order (one order per permutation, all on one harness) must end in the same saga, and no
/// delivery may move an order back to a lower-ranked state on the way.
/// </summary>
[TestFixture]
public sealed class ConvergenceTests
{
    private SagaHarness _saga = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => _saga = await SagaHarness.StartAsync();

    [OneTimeTearDown]
    public async Task StopAsync() => await _saga.DisposeAsync();

    [Test]
    public async Task Every_permutation_of_the_happy_path_converges_to_DELIVERY_ASSIGNED()
    {
        var outcomes = await RunPermutationsAsync(
            order => [order.Created(), order.Reserved(), order.Authorized(), order.Assigned(), order.Eta(1)],
            sample: null);

        Assert.That(outcomes, Has.Count.EqualTo(120));
        AssertConverged(outcomes, OrderSagaStatus.DeliveryAssigned);
        Assert.That(outcomes.Select(o => o.Facts.EtaSequence).Distinct(), Is.EqualTo(new int?[] { 1 }));
    }

    [Test]
    public async Task Every_permutation_of_the_payment_failure_path_converges_to_PAYMENT_FAILED_with_the_stock_released()
    {
        var outcomes = await RunPermutationsAsync(
            order => [order.Created(), order.Reserved(), order.PaymentFailed(), order.Released()],
            sample: null);

        Assert.That(outcomes, Has.Count.EqualTo(24));
        AssertConverged(outcomes, OrderSagaStatus.PaymentFailed);
        Assert.That(outcomes.Select(o => o.Facts.StockReleased).Distinct(), Is.EqualTo(new[] { true }));
    }

    [Test]
    public async Task Permutations_of_the_full_path_with_completion_converge_to_DELIVERED()
    {
        var outcomes = await RunPermutationsAsync(
            order => [order.Created(), order.Reserved(), order.Authorized(), order.Assigned(), order.Eta(1), order.Eta(2), order.Completed()],
            sample: 60);

        AssertConverged(outcomes, OrderSagaStatus.Delivered);
        Assert.That(outcomes.Select(o => o.Facts.EtaSequence).Distinct(), Is.EqualTo(new int?[] { 2 }));
    }

    [Test]
    public async Task Permutations_with_a_contradicting_failure_converge_to_the_failure()
    {
        var outcomes = await RunPermutationsAsync(
            order => [order.Created(), order.Reserved(), order.Authorized(), order.PaymentFailed(), order.Assigned(), order.Rejected()],
            sample: 60);

        AssertConverged(outcomes, OrderSagaStatus.InventoryRejected);
    }

    [Test]
    public async Task Permutations_of_a_cancellation_after_payment_converge_to_CANCELLED_with_every_step_given_back()
    {
        var outcomes = await RunPermutationsAsync(
            order =>
            [
                order.Created(), order.Reserved(), order.Authorized(), order.Confirmed(), order.Invoiced(), order.CancelRequested(),
                order.DeliveryCancelled(), order.Refunded(), order.Released("order cancelled"), order.Credited(),
            ],
            sample: 80);

        AssertConverged(outcomes, OrderSagaStatus.Cancelled);
        Assert.That(outcomes.Select(o => o.Facts.CompensationComplete).Distinct(), Is.EqualTo(new[] { true }));
    }

    [Test]
    public async Task Permutations_of_a_cancel_racing_a_decline_converge_to_CANCELLED()
    {
        // The cancel reached payment-service before the reservation: it declines, and delivery-service's verdict ends it.
        var outcomes = await RunPermutationsAsync(
            order =>
            [
                order.Created(), order.CancelRequested(), order.Reserved(), order.PaymentFailed("order cancelled"),
                order.Released(), order.DeliveryCancelled(),
            ],
            sample: null);

        Assert.That(outcomes, Has.Count.EqualTo(720));
        AssertConverged(outcomes, OrderSagaStatus.Cancelled);
    }

    [Test]
    public async Task Permutations_of_a_failed_delivery_converge_to_DELIVERY_FAILED()
    {
        var outcomes = await RunPermutationsAsync(
            order =>
            [
                order.Created(), order.Reserved(), order.Authorized(), order.DeliveryFailed(), order.Refunded("delivery failed"),
                order.Released("delivery failed"),
            ],
            sample: null);

        AssertConverged(outcomes, OrderSagaStatus.DeliveryFailed);
        Assert.That(outcomes.Select(o => o.Facts.FailureReason).Distinct(), Is.EqualTo(new[] { "no driver within 00:10:00" }));
    }

    private static void AssertConverged(IReadOnlyList<Outcome> outcomes, string expectedState)
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(outcomes.Select(o => o.Facts.State).Distinct(), Is.EqualTo(new[] { expectedState }));
            Assert.That(outcomes.Select(o => o.Facts).Distinct().Count(), Is.EqualTo(1), "every arrival order leaves the same facts");
            Assert.That(outcomes.Where(o => !o.NeverRegressed).Select(o => o.Order), Is.Empty, "orders whose state went back");
            Assert.That(outcomes.Where(o => !o.EveryEventRecorded).Select(o => o.Order), Is.Empty, "orders with a missing history entry");
        }
    }

    private async Task<IReadOnlyList<Outcome>> RunPermutationsAsync(Func<OrderEvents, IEventEnvelope[]> events, int? sample)
    {
        var template = events(OrderEvents.ForNewOrder()).Length;
        var orders = Permutations(Enumerable.Range(0, template).ToArray()).ToList();
        if (sample is { } size)
        {
            var random = new Random(20261122);
            orders = [.. orders.OrderBy(_ => random.Next()).Take(size)];
        }

        var outcomes = new List<Outcome>();
        foreach (var chunk in orders.Chunk(16))
        {
            outcomes.AddRange(await Task.WhenAll(chunk.Select(permutation => RunAsync(events, permutation))));
        }

        return outcomes;
    }

    private async Task<Outcome> RunAsync(Func<OrderEvents, IEventEnvelope[]> events, int[] permutation)
    {
        var order = OrderEvents.ForNewOrder();
        var all = events(order);
        var ranks = new List<int>();
        foreach (var index in permutation)
        {
            await _saga.DeliverAsync(all[index]);
            ranks.Add(OrderSagaStatus.Rank(_saga.Require(order.OrderId).CurrentState));
        }

        var saga = _saga.Require(order.OrderId);
        var recorded = saga.History.Where(t => t.EventId is not null).Select(t => t.EventId!.Value).ToHashSet();
        var mustBeRecorded = all.Where(e => e.EventType != EventTypes.EtaUpdated).Select(e => e.EventId);
        return new Outcome(
            $"{order.OrderId} [{string.Join(", ", permutation.Select(i => all[i].EventType))}]",
            Facts.Of(saga),
            ranks.Zip(ranks.Skip(1)).All(pair => pair.Second >= pair.First),
            mustBeRecorded.All(recorded.Contains));
    }

    private static IEnumerable<int[]> Permutations(int[] items)
    {
        if (items.Length <= 1)
        {
            yield return items;
            yield break;
        }

        for (var i = 0; i < items.Length; i++)
        {
            var rest = items.Where((_, j) => j != i).ToArray();
            foreach (var tail in Permutations(rest))
            {
                yield return [items[i], .. tail];
            }
        }
    }

    private sealed record Outcome(string Order, Facts Facts, bool NeverRegressed, bool EveryEventRecorded);

    /// <summary>What must not depend on the arrival order (ids and the saga's own clock aside).</summary>
    private sealed record Facts(
        string State,
        DateTimeOffset? OrderCreatedAt,
        DateTimeOffset? InventoryReservedAt,
        DateTimeOffset? InventoryRejectedAt,
        DateTimeOffset? PaymentAuthorizedAt,
        DateTimeOffset? PaymentFailedAt,
        DateTimeOffset? DeliveryAssignedAt,
        DateTimeOffset? DeliveredAt,
        bool StockReleased,
        DateTimeOffset? StockReleasedAt,
        string? FailureReason,
        DateTimeOffset? EstimatedArrival,
        int? EtaSequence,
        DateTimeOffset? CancelRequestedAt,
        DateTimeOffset? CancelledAt,
        DateTimeOffset? DeliveryFailedAt,
        DateTimeOffset? PaymentRefundedAt,
        DateTimeOffset? InvoiceCreditedAt,
        bool CompensationComplete)
    {
        public static Facts Of(OrderState saga) => new(
            saga.CurrentState,
            saga.OrderCreatedAt,
            saga.InventoryReservedAt,
            saga.InventoryRejectedAt,
            saga.PaymentAuthorizedAt,
            saga.PaymentFailedAt,
            saga.DeliveryAssignedAt,
            saga.DeliveredAt,
            saga.StockReleased,
            saga.StockReleasedAt,
            saga.FailureReason,
            saga.EstimatedArrival,
            saga.EtaSequence,
            saga.CancelRequestedAt,
            saga.CancelledAt,
            saga.DeliveryFailedAt,
            saga.PaymentRefundedAt,
            saga.InvoiceCreditedAt,
            OrderCompensation.StepsFor(saga).All(step => step.Done));
    }
}
