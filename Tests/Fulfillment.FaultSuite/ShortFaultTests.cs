using Fulfillment.Testing.Processes;
using NUnit.Framework;

namespace Fulfillment.FaultSuite;

/// <summary>
/// The short form of the fault suite (CI, category <c>faults-short</c>): a few scenarios, briefly, on the platform as
/// it runs in production shape; "cancellations" is issue #14's randomized cancellation test (hundreds of orders under
/// load, each checked: refunded ⇔ authorized and not delivered, stock back ⇔ reserved and not delivered, …). Asserted: nothing lost, nothing duplicated, every other invariant; timings (recovery)
/// are printed, not asserted. The full form: deploy/scripts/faults.sh (docs/reliability.md).
/// </summary>
[TestFixture]
[Category("faults-short")]
[NonParallelizable]
public sealed class ShortFaultTests
{
    [Test]
    [CancelAfter(540_000)]
    public async Task Killing_inventory_a_produce_error_storm_a_PostgreSQL_crash_and_random_cancellations_lose_and_duplicate_nothing(
        CancellationToken cancellationToken)
    {
        var results = await new FaultSuiteRun(
                new FaultSuiteOptions { LogDirectory = Path.Combine(TestContext.CurrentContext.WorkDirectory, "faults-short-logs") },
                TestContext.Progress)
            .RunAsync([.. new[] { "kill9-inventory", "kafka-produce-errors", "postgres-restart", "cancellations" }.Select(FaultScenarios.Find)], cancellationToken);

        TestContext.Out.WriteLine(FaultTable.Markdown(results));
        using (Assert.EnterMultipleScope())
        {
            foreach (var result in results)
            {
                Assert.That(result.Accepted, Is.GreaterThan(0), $"{result.Name}: no order accepted at all");
                Assert.That(result.Invariants.Lost, Is.Zero, $"{result.Name}: lost orders");
                Assert.That(result.Invariants.Duplicated, Is.Zero, $"{result.Name}: duplicated facts");
                Assert.That(result.Invariants.Violations(), Is.Empty, $"{result.Name}: invariants");
            }
        }
    }

    [OneTimeSetUp]
    public void RequireReleaseBuild() =>
        // The services run from their build output in this assembly's configuration; a missing build fails early and says so.
        BuildOutput.ServiceAssembly(ServiceSpec.OrderService.Project);
}
