namespace Fulfillment.OrderService.RateLimiting;

/// <summary>Whether order-service limits its clients' order writes (section <c>RateLimiting</c>).</summary>
public sealed class RateLimitingOptions
{
    public const string SectionName = "RateLimiting";

    /// <summary>On by default, with limits (<see cref="OrderWriteLimitOptions"/>) far above what the load benchmark sends.</summary>
    public bool Enabled { get; set; } = true;
}
