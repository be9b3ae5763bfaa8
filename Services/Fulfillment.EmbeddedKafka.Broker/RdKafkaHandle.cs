using System.Runtime.InteropServices;
using System.Text;

namespace Fulfillment.EmbeddedKafka.Broker;

/// <summary>Owns an <c>rd_kafka_t</c>; the mock cluster holds a reference so the instance outlives it.</summary>
internal sealed class RdKafkaHandle : SafeHandle
{
    private const int ErrorTextSize = 512;

    public RdKafkaHandle()
        : base(nint.Zero, ownsHandle: true)
    {
    }

    public override bool IsInvalid => handle == nint.Zero;

    /// <summary>Creates a producer instance that never connects anywhere: it exists to host a mock cluster.</summary>
    public static unsafe RdKafkaHandle CreateProducer(IEnumerable<KeyValuePair<string, string>> settings)
    {
        var errorText = stackalloc byte[ErrorTextSize];
        var conf = LibRdKafkaMock.ConfNew();
        if (conf == nint.Zero)
        {
            throw new InvalidOperationException("librdkafka could not allocate a configuration object.");
        }

        RdKafkaHandle? client = null;
        try
        {
            foreach (var (name, value) in settings)
            {
                if (LibRdKafkaMock.ConfSet(conf, name, value, errorText, ErrorTextSize) != LibRdKafkaMock.ConfOk)
                {
                    throw new InvalidOperationException(
                        $"librdkafka rejected the setting {name}={value}: {ReadErrorText(errorText)}");
                }
            }

            client = LibRdKafkaMock.New(LibRdKafkaMock.ProducerType, conf, errorText, ErrorTextSize);
            if (client.IsInvalid)
            {
                throw new InvalidOperationException($"librdkafka could not create a client: {ReadErrorText(errorText)}");
            }

            return client;
        }
        catch
        {
            // rd_kafka_new takes ownership of the configuration only when it succeeds.
            if (client is null || client.IsInvalid)
            {
                LibRdKafkaMock.ConfDestroy(conf);
            }

            client?.Dispose();
            throw;
        }
    }

    protected override bool ReleaseHandle()
    {
        LibRdKafkaMock.Destroy(handle);
        return true;
    }

    private static unsafe string ReadErrorText(byte* errorText) =>
        Encoding.UTF8.GetString(MemoryMarshal.CreateReadOnlySpanFromNullTerminated(errorText));
}
