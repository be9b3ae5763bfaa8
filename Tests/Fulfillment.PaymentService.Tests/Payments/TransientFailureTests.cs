using Fulfillment.Messages;
using Fulfillment.PaymentService.Gateway;
using Fulfillment.PaymentService.Persistence;
using Fulfillment.PaymentService.Tests.Support;
using NUnit.Framework;
using static Fulfillment.PaymentService.Tests.Support.Envelopes;

namespace Fulfillment.PaymentService.Tests.Payments;

[TestFixture]
public sealed class TransientFailureTests
{
    [Test]
    public async Task Unreachable_gateway_surfaces_as_an_exception_and_leaves_nothing_behind()
    {
        await using var payment = await PaymentHarness.StartAsync(new Dictionary<string, string?> { ["TransientFailureRate"] = "1" });

        var consumed = await payment.ConsumeAsync(InventoryReserved("order-1"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(consumed.Exception, Is.InstanceOf<GatewayUnavailableException>());
            Assert.That(await payment.PaymentsAsync("order-1"), Is.Empty);
            Assert.That(payment.Published<PaymentAuthorized>(), Is.Empty);
            Assert.That(payment.Published<PaymentFailed>(), Is.Empty);
        }
    }

    [Test]
    public async Task Retried_record_is_charged_once_when_the_gateway_answers()
    {
        // The seeded draw sequence starts with failures (checked here, so the test shows the retry path taken).
        const int seed = 7;
        const double rate = 0.6;
        var draws = new Random(seed);
        Assert.That(draws.NextDouble(), Is.LessThan(rate), "the first call should fail with this seed");

        await using var payment = await PaymentHarness.StartAsync(
            new Dictionary<string, string?> { ["TransientFailureRate"] = "0.6", ["Seed"] = seed.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            immediateRetries: 20);

        await payment.ConsumeSuccessfullyAsync(InventoryReserved("order-1"));

        var payments = await payment.PaymentsAsync("order-1");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(payments, Has.Count.EqualTo(1));
            Assert.That(payments[0].Status, Is.EqualTo(PaymentStatus.Authorized));
            Assert.That(payment.Published<PaymentAuthorized>(), Has.Count.EqualTo(1));
        }
    }
}
