using Fulfillment.OrderService.Persistence;

namespace Fulfillment.OrderService.Orders;

/// <summary><see cref="Order"/> is the new or original order; for <see cref="PlacementOutcome.KeyReused"/> it is the order the key created.</summary>
public sealed record PlacementResult(PlacementOutcome Outcome, Order Order);
