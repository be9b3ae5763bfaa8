using Microsoft.Net.Http.Headers;

namespace Fulfillment.OrderService.Http;

/// <summary>Reading a JSON request body by hand: the media type, and the bytes within a limit whatever Content-Length claims.</summary>
internal static class JsonBody
{
    public static bool IsUtf8Json(HttpRequest request) =>
        request.HasJsonContentType()
        && MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType)
        && (!mediaType.Charset.HasValue || mediaType.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase));

    /// <summary>The body, or null when it is longer than <paramref name="limit"/> (reading stops at limit + 1 bytes).</summary>
    public static async Task<byte[]?> ReadLimitedAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit)
        {
            return null;
        }

        var buffer = new byte[limit + 1];
        var length = 0;
        while (length < buffer.Length)
        {
            var read = await request.Body.ReadAsync(buffer.AsMemory(length), cancellationToken);
            if (read == 0)
            {
                break;
            }

            length += read;
        }

        return length > limit ? null : buffer[..length];
    }
}
