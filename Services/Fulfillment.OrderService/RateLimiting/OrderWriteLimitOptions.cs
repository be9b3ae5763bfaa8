using System.ComponentModel.DataAnnotations;

namespace Fulfillment.OrderService.RateLimiting;

/// <summary>
/// How many order writes (placements and cancellations together) one client may make per window (section
/// <c>RateLimiting:Orders</c>); a client is the token's subject when authenticated, else the remote address.
/// </summary>
/// <remarks>
/// The defaults (1000 per second) leave the load benchmark, which places up to about 500 orders a second from one
/// address, untouched: they stop a runaway client, not a busy one. A deployment facing customers sets a customer's
/// pace instead (for example 10 per second).
/// </remarks>
public sealed class OrderWriteLimitOptions
{
    public const string SectionName = "RateLimiting:Orders";

    [Range(1, 1_000_000)]
    public int PermitLimit { get; set; } = 1000;

    /// <summary>A fixed window: the permits come back whole at its end (Retry-After says when).</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan Window { get; set; } = TimeSpan.FromSeconds(1);
}
