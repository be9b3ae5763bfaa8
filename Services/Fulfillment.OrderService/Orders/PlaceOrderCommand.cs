using System.Text.Json.Serialization;
using Fulfillment.Messages;

namespace Fulfillment.OrderService.Orders;

/// <summary>
/// A request body that passed validation: every required field present, typed and within limits. customerEmail is
/// optional: where notification-service tells the customer about the order; without it, no emails.
/// </summary>
public sealed record PlaceOrderCommand(
    string CustomerId,
    IReadOnlyList<OrderLine> Items,
    string Currency,
    GeoPoint DeliveryAddress,
    string? CustomerEmail = null)
{
    /// <summary>Sum of quantity × unit price, exact (decimal arithmetic, no rounding).</summary>
    /// <remarks>Not part of the body (the OpenAPI schema is this record's): the service computes it.</remarks>
    [JsonIgnore]
    public decimal Total => Items.Sum(item => item.Quantity * item.UnitPrice);
}
