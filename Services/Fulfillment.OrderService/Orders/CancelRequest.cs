using Microsoft.AspNetCore.Http.HttpResults;

namespace Fulfillment.OrderService.Orders;

/// <summary>What reading <c>POST /api/orders/{orderId}/cancel</c> gave: the reason to record, or the rejection to send.</summary>
public sealed record CancelRequest(string Reason, ProblemHttpResult? Rejection);
