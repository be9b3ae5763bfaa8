using System.Diagnostics.CodeAnalysis;

namespace Fulfillment.Messages;

/// <summary>What reading a record's value gave: an envelope, or why there is none (a dead-letter reason).</summary>
public readonly record struct EnvelopeReadResult(IEventEnvelope? Envelope, EnvelopeReadError Error, string? Reason)
{
    [MemberNotNullWhen(true, nameof(Envelope))]
    [MemberNotNullWhen(false, nameof(Reason))]
    public bool Succeeded => Envelope is not null;

    public static EnvelopeReadResult Success(IEventEnvelope envelope) => new(envelope, EnvelopeReadError.None, null);

    public static EnvelopeReadResult Failure(EnvelopeReadError error, string reason) => new(null, error, reason);
}
