namespace Fulfillment.QueryApi.Tests.Support;

/// <summary>
/// Base of the projector fixtures: one <see cref="ProjectionHarness"/> on a fresh query-api database for the whole
/// fixture (each test works on orders of its own).
/// </summary>
public abstract class ProjectionTest
{
    protected ProjectionHarness Harness { get; private set; } = null!;

    [OneTimeSetUp]
    public async Task StartHarnessAsync() => Harness = await ProjectionHarness.StartAsync(await QueryDatabase.CreateAsync());

    [OneTimeTearDown]
    public async Task StopHarnessAsync() => await Harness.DisposeAsync();
}
