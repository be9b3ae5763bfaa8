using Fulfillment.Testing;

namespace Fulfillment.LoadBenchmark;

/// <summary>What the benchmark drives and watches, started by it (<see cref="LocalPlatform"/>) or given (<c>--target</c>).</summary>
/// <remarks><c>Databases</c>: Service name → connection string of its database. <c>Processes</c>: Processes whose CPU is measured; empty for a target platform. <c>Layout</c>: How many instances of each service run, for the report.</remarks>
public sealed record RunningPlatform(
    Uri OrderUrl,
    Uri QueryUrl,
    PostgresServer Postgres,
    IReadOnlyDictionary<string, string> Databases,
    string KafkaBootstrapServers,
    IReadOnlyList<MeasuredProcess> Processes,
    string Layout);
