using Fulfillment.DeliveryService.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Fulfillment.DeliveryService.Deliveries;

public static class DeliveryEndpoints
{
    public static RouteGroupBuilder MapDeliveries(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/deliveries").WithTags("Deliveries");
        group.MapGet("/{orderId}", GetDeliveryAsync)
            .WithName("GetDelivery")
            .WithSummary("Get an order's delivery")
            .WithDescription("The delivery created once the order's payment was authorized (or its cancellation arrived): the assigned driver, status (WAITING_FOR_DRIVER, EN_ROUTE, DELIVERED, CANCELLED or FAILED), current ETA, the history of ETA updates, and for a cancelled or failed delivery its reason and failure code.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }

    private static async Task<Results<Ok<DeliveryView>, ProblemHttpResult>> GetDeliveryAsync(
        string orderId, DeliveryDbContext db, CancellationToken cancellationToken)
    {
        var delivery = await db.Deliveries.AsNoTracking().FirstOrDefaultAsync(d => d.OrderId == orderId, cancellationToken);
        if (delivery is null)
        {
            return TypedResults.Problem(new ProblemDetails
            {
                Status = StatusCodes.Status404NotFound,
                Title = "Delivery not found.",
                Detail = $"There is no delivery for order {orderId} (yet: one is created when its payment is authorized or its cancellation arrives).",
                Type = "https://tools.ietf.org/html/rfc9110#section-15.5.5",
            });
        }

        var history = await db.EtaHistory.AsNoTracking()
            .Where(h => h.DeliveryId == delivery.DeliveryId)
            .OrderBy(h => h.Sequence)
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(DeliveryView.From(delivery, history));
    }
}
