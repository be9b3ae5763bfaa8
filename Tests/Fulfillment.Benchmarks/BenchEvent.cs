namespace Fulfillment.Benchmarks;

public sealed class BenchEvent
{
    public Guid EventId { get; set; }

    public required string OrderId { get; set; }

    public decimal Amount { get; set; }
}
