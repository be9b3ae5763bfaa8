using Fulfillment.QueryApi.Http;
using Fulfillment.QueryApi.Orders.Queries;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Fulfillment.QueryApi.Orders;

public static class OrderEndpoints
{
    /// <summary><c>GET /api/orders/{orderId}</c> and <c>GET /api/orders?status=&amp;page=&amp;pageSize=</c>.</summary>
    public static IEndpointRouteBuilder MapOrders(this IEndpointRouteBuilder endpoints)
    {
        var orders = endpoints.MapGroup("/api/orders").WithTags("Orders");
        orders.MapGet("/{orderId}", GetOrderAsync)
            .WithName("GetOrder")
            .WithSummary("Get an order's lifecycle")
            .WithDescription("The read model of the order, built from every service's events: status, inventory, payment and delivery, and the timeline of events that made it.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        orders.MapGet("/", ListOrdersAsync)
            .WithName("ListOrders")
            .WithSummary("List orders")
            .WithDescription("Orders of the read model, newest first, optionally of one status; page (from 1) and pageSize bound the answer. An unknown status or a bad page answers 400 with the field errors.");
        return endpoints;
    }

    private static async Task<Results<Ok<OrderDetails>, ProblemHttpResult>> GetOrderAsync(
        string orderId, OrderReadModel readModel, CancellationToken cancellationToken)
    {
        var order = await readModel.GetAsync(orderId, cancellationToken);
        return order is null
            ? TypedResults.Problem(
                statusCode: StatusCodes.Status404NotFound,
                title: "Order not found",
                detail: $"No event of order '{orderId}' has reached the read model.")
            : TypedResults.Ok(order);
    }

    private static async Task<Results<Ok<Page<OrderSummary>>, ValidationProblem>> ListOrdersAsync(
        string? status, string? page, string? pageSize, OrderReadModel readModel, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        OrderStatus? wanted = null;
        if (!string.IsNullOrEmpty(status))
        {
            if (OrderStatusRules.TryParse(status, out var parsed))
            {
                wanted = parsed;
            }
            else
            {
                errors["status"] = [$"status must be one of {string.Join(", ", OrderStatusRules.Names)}."];
            }
        }

        var paging = PageRequest.Parse(page, pageSize, errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "Invalid order listing query");
        }

        return TypedResults.Ok(await readModel.ListAsync(wanted, paging, cancellationToken));
    }
}
