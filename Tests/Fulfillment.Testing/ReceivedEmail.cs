namespace Fulfillment.Testing;

/// <summary>An email smtp4dev received, as its API shows it: envelope, the headers a test checks, the plain-text body.</summary>
public sealed record ReceivedEmail(
    string Id,
    string From,
    IReadOnlyList<string> To,
    string Subject,
    string? MessageId,
    string Body,
    DateTimeOffset ReceivedAt);
