using System.Net;

namespace Fulfillment.OrderService.Tests.Support;

/// <summary>A body sent without Content-Length, as a client streaming a chunked upload would.</summary>
public sealed class UnknownLengthContent(byte[] bytes) : HttpContent
{
    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => stream.WriteAsync(bytes).AsTask();

    protected override bool TryComputeLength(out long length)
    {
        length = -1;
        return false;
    }
}
