namespace Fulfillment.Benchmarks;

/// <summary>How the benchmark consumer changes state for each event.</summary>
public enum BenchMode
{
    /// <summary>Adds one row; EF writes it with the batch's other rows at the end of the transaction.</summary>
    InsertRow,

    /// <summary>Updates one row at once with its own statement: one database round trip per event.</summary>
    UpdateRow,
}
