namespace Fulfillment.EndToEnd.Tests.Api;

/// <summary>The answer to <c>POST /api/admin/dlq/{id}/replay</c>.</summary>
public sealed record DeadLetterReplay(long Id, string Topic, int Partition, long Offset, DateTimeOffset ReplayedAt, int ReplayCount);
