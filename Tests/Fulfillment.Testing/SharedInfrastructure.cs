namespace Fulfillment.Testing;

/// <summary>What a test assembly shares: <see cref="TestPostgres"/>' server and <see cref="TestKafka.Shared"/> (containers or embedded, see <see cref="TestInfrastructure"/>).</summary>
/// <remarks>
/// Each test assembly calls <see cref="StopAsync"/> from the one-time tear-down of a set-up fixture in its root
/// namespace (a set-up fixture covers the tests of its namespace and below), so nothing outlives the test run.
/// </remarks>
public static class SharedInfrastructure
{
    public static async Task StopAsync()
    {
        await TestKafka.StopSharedAsync();
        await TestPostgres.StopAsync();
    }
}
