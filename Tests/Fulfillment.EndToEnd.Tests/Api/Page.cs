namespace Fulfillment.EndToEnd.Tests.Api;

public sealed record Page<T>(IReadOnlyList<T> Items, int PageNumber, int PageSize, int TotalCount);
