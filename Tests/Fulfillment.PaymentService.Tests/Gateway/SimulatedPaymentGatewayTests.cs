using Fulfillment.PaymentService.Gateway;
using Microsoft.Extensions.Options;
using NUnit.Framework;

namespace Fulfillment.PaymentService.Tests.Gateway;

[TestFixture]
public sealed class SimulatedPaymentGatewayTests
{
    [Test]
    public async Task Defaults_decline_above_ten_thousand_and_blocked_customers_only()
    {
        var gateway = Gateway(new PaymentGatewayOptions());

        using (Assert.EnterMultipleScope())
        {
            Assert.That((await AuthorizeAsync(gateway, "cust-1", 10_000.00m)).Approved, Is.True);
            Assert.That((await AuthorizeAsync(gateway, "cust-1", 10_000.01m)).Approved, Is.False);
            Assert.That((await AuthorizeAsync(gateway, "blocked-9", 1m)).Approved, Is.False);
            Assert.That((await AuthorizeAsync(gateway, "Blocked-9", 1m)).Approved, Is.True, "the prefix is case-sensitive");
            Assert.That((await AuthorizeAsync(gateway, "cust-1", 0m)).Approved, Is.False);
        }
    }

    [Test]
    public async Task Rules_follow_configuration()
    {
        var gateway = Gateway(new PaymentGatewayOptions { MaxAmount = 50m, BlockedCustomerPrefix = "fraud-" });

        using (Assert.EnterMultipleScope())
        {
            Assert.That((await AuthorizeAsync(gateway, "cust-1", 50.01m)).Approved, Is.False);
            Assert.That((await AuthorizeAsync(gateway, "blocked-1", 5m)).Approved, Is.True);
            Assert.That((await AuthorizeAsync(gateway, "fraud-1", 5m)).DeclineReason, Is.EqualTo("declined: customer 'fraud-1' is blocked"));
        }
    }

    [Test]
    public async Task Auth_code_is_derived_from_the_order()
    {
        var gateway = Gateway(new PaymentGatewayOptions());

        var first = await gateway.AuthorizeAsync(new AuthorizationRequest("order-1", "cust-1", 1m, "EUR"), CancellationToken.None);
        var again = await gateway.AuthorizeAsync(new AuthorizationRequest("order-1", "cust-1", 1m, "EUR"), CancellationToken.None);
        var other = await gateway.AuthorizeAsync(new AuthorizationRequest("order-2", "cust-1", 1m, "EUR"), CancellationToken.None);

        Assert.That(first.AuthCode, Is.EqualTo(again.AuthCode).And.Not.EqualTo(other.AuthCode));
    }

    [Test]
    public async Task Refund_id_is_derived_from_the_payment_so_a_repeated_refund_is_the_same_refund()
    {
        var gateway = Gateway(new PaymentGatewayOptions());

        var first = await gateway.RefundAsync(new RefundRequest("payment-1", "AUTH-000001", 5m, "EUR"), CancellationToken.None);
        var again = await gateway.RefundAsync(new RefundRequest("payment-1", "AUTH-000001", 5m, "EUR"), CancellationToken.None);
        var other = await gateway.RefundAsync(new RefundRequest("payment-2", "AUTH-000001", 5m, "EUR"), CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(first.RefundId, Does.Match("^REF-[0-9A-F]{12}$"));
            Assert.That(first.RefundId, Is.EqualTo(again.RefundId).And.Not.EqualTo(other.RefundId));
        }
    }

    [Test]
    public async Task Refunds_meet_the_same_outages_as_authorizations()
    {
        var gateway = Gateway(new PaymentGatewayOptions { TransientFailureRate = 1 });

        await Assert.ThrowsAsync<RefundUnavailableException>(
            () => gateway.RefundAsync(new RefundRequest("payment-1", "AUTH-000001", 5m, "EUR"), CancellationToken.None));
    }

    [Test]
    public async Task Transient_failures_repeat_for_the_same_seed_and_differ_for_another()
    {
        var sequence = await FailureSequenceAsync(seed: 42, calls: 40);
        var again = await FailureSequenceAsync(seed: 42, calls: 40);
        var otherSeed = await FailureSequenceAsync(seed: 43, calls: 40);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(again, Is.EqualTo(sequence));
            Assert.That(otherSeed, Is.Not.EqualTo(sequence));
            Assert.That(sequence.Count(failed => failed), Is.InRange(8, 32), "about half of the calls should fail at rate 0.5");
        }
    }

    [Test]
    public async Task Rate_zero_never_fails()
    {
        var sequence = await FailureSequenceAsync(seed: 42, calls: 200, rate: 0);

        Assert.That(sequence, Has.None.True);
    }

    private static async Task<List<bool>> FailureSequenceAsync(int seed, int calls, double rate = 0.5)
    {
        var gateway = Gateway(new PaymentGatewayOptions { Seed = seed, TransientFailureRate = rate });
        var failures = new List<bool>(calls);
        for (var i = 0; i < calls; i++)
        {
            try
            {
                await AuthorizeAsync(gateway, "cust-1", 1m);
                failures.Add(false);
            }
            catch (GatewayUnavailableException)
            {
                failures.Add(true);
            }
        }

        return failures;
    }

    private static SimulatedPaymentGateway Gateway(PaymentGatewayOptions options) => new(Options.Create(options), TimeProvider.System);

    private static Task<AuthorizationResult> AuthorizeAsync(SimulatedPaymentGateway gateway, string customerId, decimal amount) =>
        gateway.AuthorizeAsync(new AuthorizationRequest("order-1", customerId, amount, "EUR"), CancellationToken.None);
}
