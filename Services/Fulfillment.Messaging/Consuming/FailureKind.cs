namespace Fulfillment.Messaging.Consuming;

/// <summary>What a failure of a record's handling says, and so what the consumer host does about it.</summary>
internal enum FailureKind
{
    /// <summary>The record's own: retried a bounded number of times with back-off, then dead-lettered.</summary>
    Transient,

    /// <summary>Cannot succeed by retrying: dead-lettered at the first failure.</summary>
    Permanent,

    /// <summary>Something the platform depends on is unavailable: waited out without limit, never dead-lettered.</summary>
    Unavailable,
}
