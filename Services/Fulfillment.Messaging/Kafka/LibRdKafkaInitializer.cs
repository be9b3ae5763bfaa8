using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using Fulfillment.Kafka.Native;

namespace Fulfillment.Messaging.Kafka;

/// <summary>Selects the bundled librdkafka as soon as this assembly is used, before it creates any Kafka client.</summary>
internal static class LibRdKafkaInitializer
{
    [ModuleInitializer]
    [SuppressMessage("Usage", "CA2255:The 'ModuleInitializer' attribute should not be used in libraries",
        Justification = "Every service builds its Kafka clients through this assembly; the resolver must exist before the first one.")]
    internal static void SelectBundledLibRdKafka() => LibRdKafka.Use();
}
