namespace Fulfillment.Messages;

public enum EnvelopeReadError
{
    None,

    /// <summary>Not JSON, or JSON of the wrong shape or types.</summary>
    Malformed,

    /// <summary>Well-formed, but an <c>eventType</c> this platform does not know.</summary>
    UnknownEventType,

    /// <summary>Well-formed, but breaks a contract rule (empty eventId or orderId, schemaVersion below 1, ...).</summary>
    Invalid,
}
