namespace Fulfillment.Messaging.Consuming;

/// <summary>The bounded retry of a failing record before it is dead-lettered (section <c>Retry</c>).</summary>
public sealed class RetryOptions
{
    public const string SectionName = "Retry";

    /// <summary>Retries after the first attempt; 0 dead-letters on the first failure.</summary>
    public int Limit { get; set; } = 5;

    public TimeSpan MinInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    public TimeSpan MaxInterval { get; set; } = TimeSpan.FromSeconds(10);

    public TimeSpan IntervalDelta { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// Pause between attempts while the database or Kafka is unreachable. Such failures are not the record's fault:
    /// they are retried without limit and never dead-letter a record.
    /// </summary>
    public TimeSpan InfrastructureRetryInterval { get; set; } = TimeSpan.FromSeconds(2);
}
