using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;

namespace Fulfillment.QueryApi.Orders;

/// <summary>
/// Status names and precedence. Events of one order reach query-api over four topics in any order, so the read model
/// does not apply transitions: each event names the least status it proves, and the row keeps the highest rank seen.
/// </summary>
/// <remarks>
/// The progress statuses rank in lifecycle order. The two failures are terminal and outrank every progress status:
/// in a correct flow they never meet a later progress event (payment runs only after a reservation, delivery only
/// after an authorization), so if they do meet, the contradiction stays visible as a failed order rather than hiding
/// behind a success. Between the failures, <c>INVENTORY_REJECTED</c> wins: it comes first in the flow, so when both
/// are seen it is the root cause. <c>DELIVERY_FAILED</c> follows a payment and never meets them; <c>CANCELLED</c> ranks
/// highest, since an accepted cancel can meet a rejection or decline under way (decision 0019). This is the saga's ranking too (Fulfillment.Sagas.OrderSagaStatus), so the read
/// model and the saga report the same status for the same events.
/// </remarks>
public static class OrderStatusRules
{
    private static readonly FrozenDictionary<OrderStatus, (string Name, short Rank)> ByStatus = new Dictionary<OrderStatus, (string, short)>
    {
        [OrderStatus.Created] = ("CREATED", 1),
        [OrderStatus.InventoryReserved] = ("INVENTORY_RESERVED", 2),
        [OrderStatus.PaymentAuthorized] = ("PAYMENT_AUTHORIZED", 3),
        [OrderStatus.DeliveryAssigned] = ("DELIVERY_ASSIGNED", 4),
        [OrderStatus.Delivered] = ("DELIVERED", 5),
        [OrderStatus.PaymentFailed] = ("PAYMENT_FAILED", 6),
        [OrderStatus.InventoryRejected] = ("INVENTORY_REJECTED", 7),
        [OrderStatus.DeliveryFailed] = ("DELIVERY_FAILED", 8),
        [OrderStatus.Cancelled] = ("CANCELLED", 9),
    }.ToFrozenDictionary();

    private static readonly FrozenDictionary<string, OrderStatus> ByName =
        ByStatus.ToFrozenDictionary(pair => pair.Value.Name, pair => pair.Key, StringComparer.OrdinalIgnoreCase);

    /// <summary>Every status name, in rank order.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. ByStatus.OrderBy(p => p.Value.Rank).Select(p => p.Value.Name)];

    public static string Name(OrderStatus status) => ByStatus[status].Name;

    public static short Rank(OrderStatus status) => ByStatus[status].Rank;

    /// <summary>Parses a status name, ignoring case (<c>payment_failed</c> is <c>PAYMENT_FAILED</c>).</summary>
    public static bool TryParse(string? name, [NotNullWhen(true)] out OrderStatus? status)
    {
        if (name is not null && ByName.TryGetValue(name, out var found))
        {
            status = found;
            return true;
        }

        status = null;
        return false;
    }
}
