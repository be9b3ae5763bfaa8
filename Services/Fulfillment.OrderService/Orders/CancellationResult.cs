using Fulfillment.OrderService.Persistence;

namespace Fulfillment.OrderService.Orders;

/// <summary><see cref="Order"/> is the order as it is now, with its lines; null for <see cref="CancellationOutcome.NotFound"/>.</summary>
public sealed record CancellationResult(CancellationOutcome Outcome, Order? Order);
