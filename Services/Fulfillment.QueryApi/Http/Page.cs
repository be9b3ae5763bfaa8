namespace Fulfillment.QueryApi.Http;

/// <summary>One page of a listing and the size of the whole listing.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, int PageNumber, int PageSize, int TotalCount);
