namespace Fulfillment.EndToEnd.Tests.Api;

/// <summary>query-api's <c>GET /api/sagas/{orderId}</c> (the fields the tests read).</summary>
public sealed record SagaView(
    string OrderId,
    string State,
    int Version,
    bool Terminal,
    bool StockReleased,
    string? FailureReason,
    string? InvoiceNumber,
    DateTimeOffset? EstimatedArrival,
    IReadOnlyList<SagaTransition> History,
    SagaCompensation? Compensation = null);
