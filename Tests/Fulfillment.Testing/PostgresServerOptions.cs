namespace Fulfillment.Testing;

/// <summary>How <see cref="PostgresServer"/> starts a private server (ignored for an external one).</summary>
public sealed class PostgresServerOptions
{
    /// <summary>
    /// Keep fsync, synchronous commit and full-page writes on, as in production, for benchmarks that measure
    /// commit cost. Off by default: tests throw the data away, so crash safety only slows them down.
    /// </summary>
    public bool Durable { get; set; }
}
