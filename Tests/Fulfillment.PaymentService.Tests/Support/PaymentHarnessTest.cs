using NUnit.Framework;

namespace Fulfillment.PaymentService.Tests.Support;

/// <summary>Base of the fixtures on <see cref="PaymentHarness"/> with the default gateway: a fresh harness for each test.</summary>
public abstract class PaymentHarnessTest
{
    protected PaymentHarness Payment { get; private set; } = null!;

    [SetUp]
    public async Task StartHarnessAsync() => Payment = await PaymentHarness.StartAsync();

    [TearDown]
    public async Task StopHarnessAsync() => await Payment.DisposeAsync();
}
