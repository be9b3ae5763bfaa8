using Fulfillment.NotificationService.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Fulfillment.NotificationService.Notifications;

/// <summary>Read-only inspection of the emails decided for an order.</summary>
public static class NotificationEndpoints
{
    public static IEndpointRouteBuilder MapNotificationEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGroup("/api/notifications").WithTags("Notifications").MapGet("/", ListAsync)
            .WithName("ListNotifications")
            .WithSummary("List an order's emails")
            .WithDescription("Every email decided for the order, oldest first: kind, status (sent, no-recipient, awaiting-recipient), recipient, subject and the Message-Id it went out with. An order nothing was decided for yet has an empty list. 400 without orderId.")
            .ProducesValidationProblem();
        return endpoints;
    }

    public static async Task<Results<Ok<List<NotificationResponse>>, ValidationProblem>> ListAsync(
        string? orderId, NotificationDbContext db, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(orderId))
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["orderId"] = ["orderId is required."] },
                title: "Invalid notification query");
        }

        var notifications = await db.Notifications.AsNoTracking()
            .Where(n => n.OrderId == orderId)
            .OrderBy(n => n.CreatedAt).ThenBy(n => n.NotificationId)
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(notifications.Select(n => new NotificationResponse(
            n.NotificationId.ToString(),
            n.OrderId,
            n.Kind,
            NotificationStatusText.Format(n.Status),
            n.Recipient,
            n.Subject,
            n.MessageId,
            n.SourceEventId.ToString(),
            n.CreatedAt,
            n.SentAt)).ToList());
    }
}
