namespace Fulfillment.Sagas.Monitoring;

/// <summary>The <c>Sagas</c> configuration section: when an order counts as stalled and how often to look.</summary>
public sealed class StalledSagaOptions
{
    public const string SectionName = "Sagas";

    /// <summary>How long an order may wait in a non-terminal state before it is flagged (<c>Sagas:StalledAfter</c>).</summary>
    public TimeSpan StalledAfter { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How long a cancelled or failed order may wait for its stock release, refund and credit note before it is flagged
    /// (<c>Sagas:CompensationTimeout</c>).
    /// </summary>
    public TimeSpan CompensationTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often the detector looks (<c>Sagas:ScanInterval</c>).</summary>
    public TimeSpan ScanInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the sagas are counted per state for the <c>fulfillment_sagas</c> gauges (<c>Sagas:MetricsInterval</c>).</summary>
    public TimeSpan MetricsInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>The most sagas flagged per scan, so one scan never holds many row locks for long.</summary>
    public int ScanBatchSize { get; set; } = 500;

    /// <summary>Runs the detector in this process (<c>Sagas:DetectStalled</c>); several instances may run it safely.</summary>
    public bool DetectStalled { get; set; } = true;
}
