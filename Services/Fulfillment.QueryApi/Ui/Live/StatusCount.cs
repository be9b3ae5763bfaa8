namespace Fulfillment.QueryApi.Ui.Live;

/// <summary>One status and how many orders are in it (<c>GET /ui/api/status-counts</c>).</summary>
public sealed record StatusCount(string Status, int Count);
