using Microsoft.AspNetCore.Http.HttpResults;

namespace Fulfillment.OrderService.Orders;

/// <summary>What reading <c>POST /api/orders</c> gave: a valid command (and its optional key), or the rejection to send.</summary>
public sealed record OrderRequest(PlaceOrderCommand? Command, string? IdempotencyKey, ProblemHttpResult? Rejection);
