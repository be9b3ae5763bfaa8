namespace Fulfillment.Messaging.Consuming;

/// <summary>
/// Handles raw records (the dead-letter topics, say). Resolved in a DI scope per batch; runs inside the scope's
/// DbContext transaction, which the host saves and commits before the offset is committed.
/// </summary>
public interface IRawRecordHandler
{
    Task HandleAsync(RawRecord record, CancellationToken cancellationToken);
}
