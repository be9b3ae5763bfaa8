namespace Fulfillment.QueryApi.Orders.Queries;

/// <summary>An email notification-service sent about the order (one per kind at most).</summary>
public sealed record OrderNotification(string Kind, string Recipient, string Subject, string MessageId, DateTimeOffset SentAt);
