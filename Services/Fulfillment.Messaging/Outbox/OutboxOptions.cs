namespace Fulfillment.Messaging.Outbox;

/// <summary>How the relay drains the outbox (section <c>Outbox</c>).</summary>
public sealed class OutboxOptions
{
    public const string SectionName = "Outbox";

    /// <summary>Rows the relay reads and produces per batch.</summary>
    public int BatchSize { get; set; } = 5000;

    /// <summary>Batches produced and awaiting acknowledgement at once (the next is read while they wait).</summary>
    public int PipelineDepth { get; set; } = 3;

    /// <summary>Fallback poll: the relay normally wakes on the commit signal within milliseconds.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long a relay keeps its drain (lock, session settings, connection) after the table ran empty, waiting for the
    /// next commit. Under a steady trickle of commits each wake then costs a read and a delete instead of also a lock,
    /// two settings, their reset and an unlock; after this much quiet the drain ends and other instances can take it.
    /// </summary>
    public TimeSpan DrainHold { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>First delay after a failed publish; doubles per attempt up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan MinRetryDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the backlog metrics (rows, oldest row's age) are measured.</summary>
    public TimeSpan BacklogMeasureInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Run the relay in this process (off for tools that only write the outbox).</summary>
    public bool RelayEnabled { get; set; } = true;
}
