using System.Globalization;
using NUnit.Framework;

namespace Fulfillment.FaultSuite;

/// <summary>
/// The full form (deploy/scripts/faults.sh): every scenario, or those named in <c>FAULTS_SCENARIOS</c> (comma separated),
/// at <c>FAULTS_RATE</c> orders/s for <c>FAULTS_LOAD_SECONDS</c> each. Explicit: it runs only when asked for.
/// </summary>
[TestFixture]
[Category("faults-full")]
[Explicit("minutes of load on the whole platform: run it with deploy/scripts/faults.sh")]
public sealed class FullFaultTests
{
    [Test]
    public async Task Every_scenario_loses_and_duplicates_nothing()
    {
        var names = Environment.GetEnvironmentVariable("FAULTS_SCENARIOS") is { Length: > 0 } list
            ? list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : FaultScenarios.All.Select(s => s.Name).ToArray();
        var options = new FaultSuiteOptions
        {
            Rate = Number("FAULTS_RATE", 50),
            LoadSeconds = (int)Number("FAULTS_LOAD_SECONDS", 30),
            FaultAfterSeconds = (int)Number("FAULTS_FAULT_AFTER", 10),
            DrainTimeoutSeconds = (int)Number("FAULTS_DRAIN_TIMEOUT", 120),
            LogDirectory = Environment.GetEnvironmentVariable("FAULTS_OUT") ?? Path.Combine(TestContext.CurrentContext.WorkDirectory, "faults-full-logs"),
        };

        var results = await new FaultSuiteRun(options, TestContext.Progress).RunAsync([.. names.Select(FaultScenarios.Find)], CancellationToken.None);
        var table = FaultTable.Markdown(results);
        await File.WriteAllTextAsync(Path.Combine(options.LogDirectory, "faults.md"), table);
        TestContext.Progress.WriteLine(table);
        Assert.That(results.Where(r => !r.Passed).Select(r => r.Name + ": " + string.Join("; ", r.Invariants.Violations())), Is.Empty);
    }

    private static double Number(string variable, double fallback) =>
        double.TryParse(Environment.GetEnvironmentVariable(variable), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : fallback;
}
