namespace Fulfillment.EndToEnd.Tests.Api;

/// <summary>
/// An email about an order, as notification-service lists it (with its <c>status</c>) and query-api's read model shows
/// the ones sent (without); the fields the tests read.
/// </summary>
public sealed record NotificationView(string Kind, string? Status, string? Recipient, string? MessageId);
