namespace Fulfillment.InventoryService.Tests.Support;

/// <summary>Base of the fixtures on <see cref="InventoryHarness"/>: a fresh harness on the given catalog for each test.</summary>
public abstract class InventoryHarnessTest(IReadOnlyDictionary<string, int> catalog)
{
    protected InventoryHarness Inventory { get; private set; } = null!;

    [SetUp]
    public async Task StartHarnessAsync() => Inventory = await InventoryHarness.StartAsync(catalog);

    [TearDown]
    public async Task StopHarnessAsync() => await Inventory.DisposeAsync();
}
