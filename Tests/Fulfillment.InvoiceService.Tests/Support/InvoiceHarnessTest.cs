using NUnit.Framework;

namespace Fulfillment.InvoiceService.Tests.Support;

/// <summary>Base of the fixtures on <see cref="InvoiceHarness"/> with the default settings: a fresh harness for each test.</summary>
public abstract class InvoiceHarnessTest
{
    protected InvoiceHarness Invoicing { get; private set; } = null!;

    [SetUp]
    public async Task StartHarnessAsync() => Invoicing = await InvoiceHarness.StartAsync();

    [TearDown]
    public async Task StopHarnessAsync() => await Invoicing.DisposeAsync();
}
