using Fulfillment.Messages;
using Fulfillment.PaymentService.Persistence;
using Fulfillment.PaymentService.Tests.Support;
using NUnit.Framework;
using static Fulfillment.PaymentService.Tests.Support.Envelopes;

namespace Fulfillment.PaymentService.Tests.Payments;

[TestFixture]
public sealed class AuthorizePaymentTests : PaymentHarnessTest
{
    [Test]
    public async Task Reserved_order_is_authorized()
    {
        var reserved = InventoryReserved("order-1", amount: 99.90m);

        await Payment.ConsumeSuccessfullyAsync(reserved);

        var authorized = Payment.Published<PaymentAuthorized>();
        Assert.That(authorized, Has.Count.EqualTo(1));
        var payment = (await Payment.PaymentsAsync("order-1")).Single();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(Payment.Published<PaymentFailed>(), Is.Empty);
            Assert.That(authorized[0].PaymentId, Is.EqualTo(payment.PaymentId.ToString()));
            Assert.That(authorized[0].Amount, Is.EqualTo(99.90m));
            Assert.That(authorized[0].Currency, Is.EqualTo("EUR"));
            Assert.That(authorized[0].AuthCode, Does.Match("^AUTH-[0-9A-F]{6}$"));
            Assert.That(authorized[0].DeliveryAddress, Is.EqualTo(Address));

            Assert.That(payment.Status, Is.EqualTo(PaymentStatus.Authorized));
            Assert.That(payment.AuthCode, Is.EqualTo(authorized[0].AuthCode));
            Assert.That(payment.DeclineReason, Is.Null);
            Assert.That(payment.Amount, Is.EqualTo(99.90m));
            Assert.That(payment.CustomerId, Is.EqualTo("cust-1"));
            Assert.That(payment.ReservationId, Is.EqualTo("res-order-1"));
            Assert.That(payment.SourceEventId, Is.EqualTo(reserved.EventId));
        }
    }

    [TestCase(10_000.00, "USD")]
    [TestCase(0.01, "JPY")]
    public async Task Amounts_up_to_the_limit_are_authorized(decimal amount, string currency)
    {
        await Payment.ConsumeSuccessfullyAsync(InventoryReserved("order-1", amount, currency: currency));

        Assert.That(Payment.Published<PaymentAuthorized>().Single().Amount, Is.EqualTo(amount));
    }

    [TestCase(10_000.01, "EUR")]
    [TestCase(250_000, "JPY")]
    public async Task Amount_above_the_limit_is_declined_in_any_currency(decimal amount, string currency)
    {
        await Payment.ConsumeSuccessfullyAsync(InventoryReserved("order-1", amount, currency: currency));

        var failed = Payment.Published<PaymentFailed>();
        Assert.That(failed, Has.Count.EqualTo(1));
        var payment = (await Payment.PaymentsAsync("order-1")).Single();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(Payment.Published<PaymentAuthorized>(), Is.Empty);
            Assert.That(failed[0].PaymentId, Is.EqualTo(payment.PaymentId.ToString()));
            Assert.That(failed[0].Amount, Is.EqualTo(amount));
            Assert.That(failed[0].Currency, Is.EqualTo(currency));
            Assert.That(failed[0].Reason, Does.Contain("above the limit"));
            Assert.That(payment.Status, Is.EqualTo(PaymentStatus.Declined));
            Assert.That(payment.DeclineReason, Is.EqualTo(failed[0].Reason));
            Assert.That(payment.AuthCode, Is.Null);
        }
    }

    [Test]
    public async Task Blocked_customer_is_declined()
    {
        await Payment.ConsumeSuccessfullyAsync(InventoryReserved("order-1", 5m, customerId: "blocked-42"));

        var failed = Payment.Published<PaymentFailed>().Single();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(Payment.Published<PaymentAuthorized>(), Is.Empty);
            Assert.That(failed.Reason, Is.EqualTo("declined: customer 'blocked-42' is blocked"));
            Assert.That((await Payment.PaymentsAsync("order-1")).Single().Status, Is.EqualTo(PaymentStatus.Declined));
        }
    }

    [Test]
    public async Task Second_reservation_event_for_the_same_order_charges_nothing_more()
    {
        var first = InventoryReserved("order-1");
        var second = InventoryReserved("order-1");
        Assert.That(second.EventId, Is.Not.EqualTo(first.EventId));

        await Payment.ConsumeSuccessfullyAsync(first);
        await Payment.ConsumeSuccessfullyAsync(second);

        var payments = await Payment.PaymentsAsync("order-1");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(payments, Has.Count.EqualTo(1));
            Assert.That(payments[0].SourceEventId, Is.EqualTo(first.EventId));
            Assert.That(Payment.Published<PaymentAuthorized>(), Has.Count.EqualTo(1));
            Assert.That(Payment.Published<PaymentFailed>(), Is.Empty);
        }
    }

    [Test]
    public async Task Second_reservation_event_after_a_decline_does_not_authorize()
    {
        await Payment.ConsumeSuccessfullyAsync(InventoryReserved("order-1", customerId: "blocked-1"));
        await Payment.ConsumeSuccessfullyAsync(InventoryReserved("order-1", customerId: "cust-1"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(await Payment.PaymentsAsync("order-1"), Has.Count.EqualTo(1));
            Assert.That(Payment.Published<PaymentFailed>(), Has.Count.EqualTo(1));
            Assert.That(Payment.Published<PaymentAuthorized>(), Is.Empty);
        }
    }

    [Test]
    public async Task Different_orders_get_their_own_payments()
    {
        await Payment.ConsumeSuccessfullyAsync(InventoryReserved("order-1"));
        await Payment.ConsumeSuccessfullyAsync(InventoryReserved("order-2"));

        var authorized = Payment.Published<PaymentAuthorized>();
        Assert.That(authorized.Select(a => a.PaymentId).Distinct().Count(), Is.EqualTo(2));
    }
}
