using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using Fulfillment.Kafka.Native;

namespace Fulfillment.Testing;

/// <summary>
/// Tests and benchmarks create Confluent.Kafka clients of their own (readers, probes, producers of test records),
/// sometimes before any service or broker code has run: the test kit selects the bundled librdkafka as soon as it is
/// used, so those clients bind to the same library as everything else.
/// </summary>
internal static class BundledLibRdKafka
{
    [ModuleInitializer]
    [SuppressMessage("Usage", "CA2255:The 'ModuleInitializer' attribute should not be used in libraries", Justification = "Runs before a test's first Kafka client.")]
    internal static void Select() => LibRdKafka.Use();
}
