using System.Text;

namespace Fulfillment.QueryApi.DeadLetters;

/// <summary>Bytes as text when they are text: strict UTF-8, and no NUL (PostgreSQL text and jsonb cannot hold one).</summary>
internal static class RecordText
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static string? TryDecode(byte[]? bytes)
    {
        if (bytes is null || bytes.AsSpan().Contains((byte)0))
        {
            return null;
        }

        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    /// <summary>Text from a record (a key, an error message) made storable: a NUL becomes U+FFFD.</summary>
    public static string? Storable(string? text) =>
        text is null || !text.Contains('\0', StringComparison.Ordinal) ? text : text.Replace('\0', '\uFFFD');

    public static StoredHeader Encode(string key, byte[]? value) =>
        value is null
            ? new StoredHeader(Storable(key)!, null, null)
            : TryDecode(value) is { } text
                ? new StoredHeader(Storable(key)!, text, null)
                : new StoredHeader(Storable(key)!, null, Convert.ToBase64String(value));

    public static byte[]? Decode(StoredHeader header) =>
        header.Value is not null ? Encoding.UTF8.GetBytes(header.Value)
        : header.Base64 is not null ? Convert.FromBase64String(header.Base64)
        : null;
}
