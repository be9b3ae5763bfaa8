namespace Fulfillment.Sagas;

/// <summary>
/// The saga's states, named as in the contract (docs/architecture.md, "Order lifecycle"), and the total order that makes the saga converge.
/// </summary>
/// <remarks>
/// Events for one order reach the saga in any order (four topics, four lags), so the state is not "the last event's
/// state" but the highest-ranked state any event so far has proved. A maximum over a total order does not depend on
/// the order its inputs arrive in, and it never goes down: convergence and no regression follow from the ranking.
/// Failures rank above every success state: a decline or a rejection is final for the order, and a success event that
/// contradicts it is an anomaly to show in the history, not a reason to pretend the order is being fulfilled. Of the
/// two failures, the rejection ranks higher: it happens first in the flow, so when both are seen it is the root cause.
/// <c>DELIVERY_FAILED</c> comes after a payment, so it never meets those two. <c>CANCELLED</c> ranks highest: a cancel
/// accepted while order-service still said pending can meet a rejection or a decline under way, and the outcome must
/// not depend on which arrives first (decision 0019).
/// </remarks>
public static class OrderSagaStatus
{
    public const string Created = "CREATED";
    public const string InventoryReserved = "INVENTORY_RESERVED";
    public const string PaymentAuthorized = "PAYMENT_AUTHORIZED";
    public const string DeliveryAssigned = "DELIVERY_ASSIGNED";
    public const string Delivered = "DELIVERED";
    public const string PaymentFailed = "PAYMENT_FAILED";
    public const string InventoryRejected = "INVENTORY_REJECTED";
    public const string DeliveryFailed = "DELIVERY_FAILED";
    public const string Cancelled = "CANCELLED";

    /// <summary>Every state, lowest rank first.</summary>
    public static IReadOnlyList<string> All { get; } =
        [Created, InventoryReserved, PaymentAuthorized, DeliveryAssigned, Delivered, PaymentFailed, InventoryRejected, DeliveryFailed, Cancelled];

    /// <summary>The rank of <paramref name="status"/>; -1 for anything that is not a lifecycle state (MassTransit's Initial).</summary>
    public static int Rank(string? status) => status is null ? -1 : IndexOf(status);

    public static bool IsLifecycleState(string? status) => Rank(status) >= 0;

    public static bool IsFailure(string? status) => status is PaymentFailed or InventoryRejected or DeliveryFailed;

    /// <summary>States after which no further lifecycle step is expected for the order (compensations may still come).</summary>
    public static bool IsTerminal(string? status) => status is Delivered or Cancelled || IsFailure(status);

    /// <summary>
    /// Whether an order that ended in <paramref name="ending"/> can never have reached <paramref name="proved"/>: an event
    /// proving it then is an anomaly upstream, not merely late. A rejection rules out every success, a decline the
    /// payment and what follows it, a failed or cancelled delivery the driver.
    /// </summary>
    public static bool RulesOut(string ending, string proved) => ending switch
    {
        InventoryRejected => proved is InventoryReserved or PaymentAuthorized or DeliveryAssigned or Delivered,
        PaymentFailed => proved is PaymentAuthorized or DeliveryAssigned or Delivered,
        DeliveryFailed or Cancelled => proved is DeliveryAssigned or Delivered,
        _ => false,
    };

    private static int IndexOf(string status)
    {
        for (var i = 0; i < All.Count; i++)
        {
            if (string.Equals(All[i], status, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
