using System.Security.Claims;
using Fulfillment.Messages;
using Fulfillment.OrderService.Correlation;
using Fulfillment.OrderService.Http;
using Fulfillment.OrderService.Persistence;
using Fulfillment.OrderService.RateLimiting;
using Fulfillment.ServiceDefaults.OpenApi;
using Fulfillment.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Fulfillment.OrderService.Orders;

public static class OrderEndpoints
{
    public static RouteGroupBuilder MapOrders(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/orders")
            .WithTags("Orders")
            .AddEndpointFilter<CorrelationIdFilter>()
            .WithRequestHeader(CorrelationIdFilter.HeaderName, "Your id for the order's whole journey (echoed back, carried on every event); one is made when absent.")
            // A malformed X-Correlation-Id is a field error on any endpoint of the group.
            .ProducesValidationProblem()
            // A customer's own requests: a bearer token when authentication is on (docs/security.md), open otherwise.
            .RequireAuthorization(SecurityPolicies.Customer)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        // The handler reads the body itself (limits, media type, duplicate fields): Accepts documents what it reads.
        group.MapPost(string.Empty, PlaceOrderAsync)
            .WithName("PlaceOrder")
            .WithSummary("Place an order")
            .WithDescription(
                "Accepts the order (202, PENDING, Location names it) and starts its fulfilment asynchronously: inventory " +
                "reserves, payment authorizes, delivery assigns a driver; its status is on GET /api/orders/{orderId}, every " +
                "event of it on query-api's /api/orders/{orderId}. customerEmail is optional (at most 254 characters, a bare " +
                "address): the customer is emailed about the order only if given. Send an Idempotency-Key to make retries " +
                "safe: the same key with the same body answers 200 with the original order, with another body 422. 400 " +
                "lists every invalid field; 400 also for malformed JSON.")
            .Accepts<PlaceOrderCommand>("application/json")
            .RequireRateLimiting(OrderRateLimiting.OrderWrites)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .WithRequestExample(new PlaceOrderCommand(
                "customer-42",
                [new OrderLine("SKU-001", 2, 19.90m), new OrderLine("SKU-002", 1, 5.50m)],
                "EUR",
                new GeoPoint(48.8566, 2.3522),
                "jane@example.com"))
            .WithRequestHeader(OrderRequestReader.IdempotencyKeyHeader, "Makes a retry of this request answer the order it created instead of placing another.")
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapGet("/{orderId}", GetOrderAsync)
            .WithName("GetOrder")
            .WithSummary("Get an order")
            .WithDescription(
                "The order as order-service holds it: what was ordered (items, total, delivery address, customer email, " +
                "correlation id), its status (PENDING, CONFIRMED, OUT_FOR_DELIVERY, DELIVERED, or REJECTED / PAYMENT_FAILED, " +
                "or DELIVERY_FAILED / CANCELLED; it never moves back) and when each step happened (stockReservedAt, " +
                "paymentAuthorizedAt, confirmedAt, outForDeliveryAt, deliveredAt, rejectedAt, paymentFailedAt, " +
                "cancelRequestedAt with cancelReason, cancelledAt, deliveryFailedAt with deliveryFailureCode and " +
                "deliveryFailureReason, and what was undone: refundedAt with refundId, stockReleasedAt: the time the event " +
                "reporting it occurred, null until then or when it does not apply; a step overtaken by a later one is " +
                "filled in when its event arrives). Every event of the order is on query-api's /api/orders/{orderId}.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{orderId}/cancel", CancelOrderAsync)
            .WithName("CancelOrder")
            .WithSummary("Cancel an order")
            .WithDescription(
                "Asks to cancel the order (202 with the order, cancelRequestedAt set) and announces it as order.cancelled. " +
                "The cancel is settled asynchronously: delivery-service decides whether it came before a driver was " +
                "assigned; then the order ends CANCELLED, the payment is refunded and the stock given back (refundedAt, " +
                "stockReleasedAt), otherwise it goes on to OUT_FOR_DELIVERY. The body is optional: { \"reason\": \"...\" } " +
                "(at most 256 characters; default: cancelled by the customer). A repeat answers 202 with the order and " +
                "changes nothing. 404 for an unknown order; 409 once it is out for delivery, delivered, rejected, its " +
                "payment failed or its delivery failed.")
            .Accepts<CancelRequestBody>("application/json")
            .RequireRateLimiting(OrderRateLimiting.OrderWrites)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .WithRequestExample(new CancelRequestBody("ordered by mistake"))
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        return group;
    }

    public static string LocationOf(Guid orderId) => $"/api/orders/{orderId}";

    /// <summary>
    /// 202 for a new order (it is accepted; fulfilment happens asynchronously). A replay of the same Idempotency-Key
    /// with the same body answers 200 with the original order, so a client can tell "created now" from "already
    /// created"; the same key with another body answers 422.
    /// </summary>
    private static async Task<Results<Accepted<OrderView>, Ok<OrderView>, ProblemHttpResult>> PlaceOrderAsync(
        HttpContext http, OrderRequestReader reader, OrderPlacement placement, CancellationToken cancellationToken)
    {
        var customer = http.User.Subject();
        var request = await reader.ReadAsync(http.Request, customer, cancellationToken);
        if (request.Rejection is { } rejection)
        {
            return rejection;
        }

        var result = await placement.PlaceAsync(
            request.Command!, request.IdempotencyKey, CorrelationIdFilter.Get(http), cancellationToken);
        var order = result.Order;
        var location = LocationOf(order.OrderId);
        switch (result.Outcome)
        {
            case PlacementOutcome.Created:
                http.Response.Headers[CorrelationIdFilter.HeaderName] = order.CorrelationId;
                return TypedResults.Accepted(location, OrderView.From(order));
            case PlacementOutcome.Replayed:
                http.Response.Headers[CorrelationIdFilter.HeaderName] = order.CorrelationId;
                http.Response.Headers.Location = location;
                return TypedResults.Ok(OrderView.From(order));
            default:
                // Another customer's order is not named to this one.
                return Problems.Status(
                    StatusCodes.Status422UnprocessableEntity,
                    "Idempotency-Key already used for another request.",
                    customer is null || string.Equals(order.CustomerId, customer, StringComparison.Ordinal)
                        ? $"This {OrderRequestReader.IdempotencyKeyHeader} created order {order.OrderId} from a different body; use a new key for a new order."
                        : $"This {OrderRequestReader.IdempotencyKeyHeader} was already used for another request; use a new key for a new order.");
        }
    }

    /// <summary>202 whenever the cancel is (or already was) accepted: it is settled asynchronously either way.</summary>
    private static async Task<Results<Accepted<OrderView>, ProblemHttpResult>> CancelOrderAsync(
        string orderId, HttpContext http, CancelRequestReader reader, OrderCancellation cancellation, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(orderId, out var id))
        {
            return OrderNotFound(orderId);
        }

        var request = await reader.ReadAsync(http.Request, cancellationToken);
        if (request.Rejection is { } rejection)
        {
            return rejection;
        }

        var result = await cancellation.CancelAsync(id, request.Reason, http.User.Subject(), cancellationToken);
        if (result.Order is not { } order)
        {
            return OrderNotFound(orderId);
        }

        if (result.Outcome == CancellationOutcome.Forbidden)
        {
            return NotYours(orderId);
        }

        if (result.Outcome == CancellationOutcome.TooLate)
        {
            return Problems.Status(
                StatusCodes.Status409Conflict,
                "Order can no longer be cancelled.",
                $"Order {order.OrderId} is {order.Status}: only an order that is neither out for delivery nor final can be cancelled.");
        }

        http.Response.Headers[CorrelationIdFilter.HeaderName] = order.CorrelationId;
        return TypedResults.Accepted(LocationOf(order.OrderId), OrderView.From(order));
    }

    private static ProblemHttpResult OrderNotFound(string orderId) =>
        Problems.Status(StatusCodes.Status404NotFound, "Order not found.", $"There is no order {orderId}.");

    private static async Task<Results<Ok<OrderView>, ProblemHttpResult>> GetOrderAsync(
        string orderId, ClaimsPrincipal user, OrderPlacement placement, CancellationToken cancellationToken)
    {
        var order = Guid.TryParse(orderId, out var id) ? await placement.FindAsync(id, cancellationToken) : null;
        return order is null ? OrderNotFound(orderId)
            : IsAnothers(order, user) ? NotYours(orderId)
            : TypedResults.Ok(OrderView.From(order));
    }

    /// <summary>With authentication on, an order is its customer's alone; with it off, anyone's.</summary>
    private static bool IsAnothers(Order order, ClaimsPrincipal user) =>
        user.Subject() is { } customer && !string.Equals(order.CustomerId, customer, StringComparison.Ordinal);

    private static ProblemHttpResult NotYours(string orderId) =>
        Problems.Status(StatusCodes.Status403Forbidden, "Another customer's order.", $"Order {orderId} is not yours.");
}
