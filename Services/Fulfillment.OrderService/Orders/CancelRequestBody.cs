namespace Fulfillment.OrderService.Orders;

/// <summary>The optional body of <c>POST /api/orders/{orderId}/cancel</c> (for the OpenAPI document; the reader parses it by hand).</summary>
/// <param name="Reason">Why the customer cancels; <c>cancelled by the customer</c> when absent.</param>
public sealed record CancelRequestBody(string? Reason);
