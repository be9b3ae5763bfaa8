using NUnit.Framework;

namespace Fulfillment.OrderService.Tests.Support;

/// <summary>
/// Base of the fixtures on <see cref="OrderHarness"/>: one harness and database for the fixture, since every test
/// places orders of its own and tells their confirmations apart by customer.
/// </summary>
public abstract class OrderHarnessTest
{
    protected OrderHarness Orders { get; private set; } = null!;

    [OneTimeSetUp]
    public async Task StartHarnessAsync() => Orders = await OrderHarness.StartAsync();

    [OneTimeTearDown]
    public async Task StopHarnessAsync() => await Orders.DisposeAsync();
}
