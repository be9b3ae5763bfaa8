using Fulfillment.InventoryService.Persistence;
using Fulfillment.Messages;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Fulfillment.InventoryService.Reservations;

/// <summary>Read-only inspection of the allocation decision taken for an order.</summary>
public static class ReservationEndpoints
{
    public static IEndpointRouteBuilder MapReservationEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGroup("/api/reservations").WithTags("Reservations").MapGet("/{orderId}", GetAsync)
            .WithName("GetReservation")
            .WithSummary("Get an order's reservation")
            .WithDescription("The allocation decision taken for the order: reserved (with its lines) or rejected (with the reason), or cancelled before it was decided, and when and why (payment failed, order cancelled, delivery failed) its stock was released.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return endpoints;
    }

    public static async Task<Results<Ok<ReservationResponse>, ProblemHttpResult>> GetAsync(
        string orderId, InventoryDbContext db, CancellationToken cancellationToken)
    {
        var reservation = await db.Reservations
            .AsNoTracking()
            .Include(r => r.Lines)
            .SingleOrDefaultAsync(r => r.OrderId == orderId, cancellationToken);
        if (reservation is null)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status404NotFound,
                title: "Unknown order",
                detail: $"No reservation decision exists for order '{orderId}'.");
        }

        return TypedResults.Ok(new ReservationResponse(
            reservation.ReservationId.ToString(),
            reservation.OrderId,
            reservation.Warehouse,
            ReservationStatusText.Format(reservation.Status),
            reservation.Reason,
            [.. reservation.Lines.OrderBy(l => l.Sku, StringComparer.Ordinal).Select(l => new StockLine(l.Sku, l.Quantity))],
            reservation.CreatedAt,
            reservation.ReleasedAt));
    }
}
