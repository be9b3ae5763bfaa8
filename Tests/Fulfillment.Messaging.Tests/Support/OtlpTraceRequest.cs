using Google.Protobuf;

namespace Fulfillment.Messaging.Tests.Support;

/// <summary>
/// Reads what an OTLP/HTTP trace export carried: the span names and their resource's <c>service.name</c>, walking
/// the protobuf fields of <c>ExportTraceServiceRequest</c> (opentelemetry-proto, trace/v1) that say so and skipping
/// the rest. A body that is not such a request yields nothing rather than throwing.
/// </summary>
public static class OtlpTraceRequest
{
    public static IReadOnlyList<(string? Service, string Span)> Spans(byte[] body)
    {
        var spans = new List<(string? Service, string Span)>();
        try
        {
            foreach (var resourceSpans in Fields(ByteString.CopyFrom(body), 1))
            {
                string? service = null;
                foreach (var attribute in Fields(resourceSpans, 1).SelectMany(resource => Fields(resource, 1)))
                {
                    if (Strings(attribute, 1).FirstOrDefault() == "service.name")
                    {
                        service = Fields(attribute, 2).SelectMany(value => Strings(value, 1)).FirstOrDefault();
                    }
                }

                foreach (var span in Fields(resourceSpans, 2).SelectMany(scopeSpans => Fields(scopeSpans, 2)))
                {
                    spans.Add((service, Strings(span, 5).FirstOrDefault() ?? string.Empty));
                }
            }
        }
        catch (InvalidProtocolBufferException)
        {
            return [];
        }

        return spans;
    }

    /// <summary>The length-delimited (message or string) fields numbered <paramref name="number"/>, in order.</summary>
    private static List<ByteString> Fields(ByteString message, int number)
    {
        var fields = new List<ByteString>();
        var input = message.CreateCodedInput();
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            if (WireFormat.GetTagFieldNumber(tag) == number && WireFormat.GetTagWireType(tag) == WireFormat.WireType.LengthDelimited)
            {
                fields.Add(input.ReadBytes());
            }
            else
            {
                input.SkipLastField();
            }
        }

        return fields;
    }

    private static IEnumerable<string> Strings(ByteString message, int number) =>
        Fields(message, number).Select(field => field.ToStringUtf8());
}
