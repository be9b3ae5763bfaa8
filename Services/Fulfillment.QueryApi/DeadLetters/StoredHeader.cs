namespace Fulfillment.QueryApi.DeadLetters;

/// <summary>
/// A record header as stored in <c>dead_letters.headers</c> and shown by the admin API: <see cref="Value"/> when the
/// bytes are UTF-8 text, else <see cref="Base64"/>; neither for a header whose value is null. Either form gives back
/// the exact bytes, which a replay needs.
/// </summary>
public sealed record StoredHeader(string Key, string? Value, string? Base64);
