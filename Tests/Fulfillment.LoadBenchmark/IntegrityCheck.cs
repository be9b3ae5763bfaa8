using Fulfillment.Messages;

namespace Fulfillment.LoadBenchmark;

/// <summary>
/// Nothing lost, nothing duplicated, per accepted order in query-api's timeline (keyed by event id, so a second
/// event for the same step, e.g. from two instances, shows as a count of 2): exactly one order.created and one
/// inventory outcome, at most one payment outcome and one delivery.assigned.
/// </summary>
public sealed record IntegrityCheck(
    int Orders,
    int Unknown,
    int CreatedNotOnce,
    int NoInventoryOutcome,
    int InventoryOutcomeTwice,
    int PaymentOutcomeTwice,
    int AssignedTwice)
{
    public bool Ok => Unknown + CreatedNotOnce + NoInventoryOutcome + InventoryOutcomeTwice + PaymentOutcomeTwice + AssignedTwice == 0;

    public static IntegrityCheck Of(IReadOnlyList<OrderJourney> journeys)
    {
        int Count(Func<OrderJourney, bool> predicate) => journeys.Count(j => j.View is not null && predicate(j));
        int Inventory(OrderJourney j) => j.CountOf(EventTypes.InventoryReserved) + j.CountOf(EventTypes.InventoryRejected);
        int Payment(OrderJourney j) => j.CountOf(EventTypes.PaymentAuthorized) + j.CountOf(EventTypes.PaymentFailed);
        return new IntegrityCheck(
            journeys.Count,
            journeys.Count(j => j.View is null),
            Count(j => j.CountOf(EventTypes.OrderCreated) != 1),
            Count(j => Inventory(j) == 0),
            Count(j => Inventory(j) > 1),
            Count(j => Payment(j) > 1),
            Count(j => j.CountOf(EventTypes.DeliveryAssigned) > 1));
    }
}
