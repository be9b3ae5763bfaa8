namespace Fulfillment.FaultSuite;

/// <summary>How hard and how long each scenario runs (the short CI form's defaults; the full form sets them from the environment).</summary>
public sealed record FaultSuiteOptions
{
    public double Rate { get; init; } = 50;

    /// <summary>Seconds of load per scenario; the fault comes after <see cref="FaultAfterSeconds"/>.</summary>
    public int LoadSeconds { get; init; } = 12;

    public int FaultAfterSeconds { get; init; } = 3;

    /// <summary>After the load: how long every accepted order may take to be final before the rest count as lost.</summary>
    public int DrainTimeoutSeconds { get; init; } = 60;

    public required string LogDirectory { get; init; }
}
