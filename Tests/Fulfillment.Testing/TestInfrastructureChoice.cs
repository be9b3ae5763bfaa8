namespace Fulfillment.Testing;

/// <summary>
/// Which Kafka and PostgreSQL the fixtures of this test assembly use, and why: <see cref="UseContainers"/> for
/// Testcontainers (<see cref="TestInfrastructure.KafkaImage"/>, <see cref="TestInfrastructure.PostgresImage"/>), else
/// the embedded broker and a private PostgreSQL server.
/// </summary>
/// <param name="Mode">What <c>FULFILLMENT_TEST_INFRA</c> asked for.</param>
/// <param name="UseContainers">True when the fixtures start containers.</param>
/// <param name="Reason">Why, in words: the setting, or what the Docker probe found.</param>
/// <param name="ExternalPostgres">True when <c>FULFILLMENT_TEST_POSTGRES</c> names a server, which then wins over a container.</param>
public sealed record TestInfrastructureChoice(TestInfrastructureMode Mode, bool UseContainers, string Reason, bool ExternalPostgres)
{
    /// <summary>True when PostgreSQL runs in a container (containers chosen, and no external server named).</summary>
    public bool PostgresInContainer => UseContainers && !ExternalPostgres;

    /// <summary>The one line the test output gets: which Kafka, which PostgreSQL, and why.</summary>
    public string Describe()
    {
        var kafka = UseContainers
            ? $"Kafka {TestInfrastructure.KafkaImage} (Testcontainers.Kafka, KRaft)"
            : "the embedded Kafka (librdkafka's mock cluster, in this process)";
        var postgres = ExternalPostgres
            ? $"the PostgreSQL server {PostgresServer.ExternalServerVariable} names"
            : PostgresInContainer
                ? $"PostgreSQL {TestInfrastructure.PostgresImage} (Testcontainers.PostgreSql)"
                : $"a private PostgreSQL server from {PostgresServer.FindNewestBinDirectory() ?? "(no /usr/lib/postgresql/*/bin found)"}";
        var setting = Mode.ToString().ToLowerInvariant();
        return $"test infrastructure: {kafka} and {postgres}; {TestInfrastructure.ModeVariable}={setting}, {Reason}. " +
            "The embedded broker's own tests and Tests/Fulfillment.LoadBenchmark always use the embedded broker.";
    }
}
