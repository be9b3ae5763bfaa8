using Fulfillment.Messages;
using Fulfillment.PaymentService.Payments;
using Fulfillment.PaymentService.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using NUnit.Framework;
using static Fulfillment.PaymentService.Tests.Support.Envelopes;

namespace Fulfillment.PaymentService.Tests.Payments;

[TestFixture]
public sealed class PaymentEndpointsTests : PaymentHarnessTest
{
    [Test]
    public async Task Payment_of_an_order_is_shown()
    {
        await Payment.ConsumeSuccessfullyAsync(InventoryReserved("order-1", 12.5m));

        var result = await Payment.QueryAsync(db => PaymentEndpoints.GetAsync("order-1", db, CancellationToken.None));

        var payment = ((Ok<PaymentResponse>)result.Result).Value!;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(payment.PaymentId, Is.EqualTo(Payment.Published<PaymentAuthorized>().Single().PaymentId));
            Assert.That((payment.OrderId, payment.Status, payment.Amount, payment.Currency), Is.EqualTo(("order-1", "authorized", 12.5m, "EUR")));
        }
    }

    [Test]
    public async Task Unknown_order_is_a_problem_404()
    {
        var result = await Payment.QueryAsync(db => PaymentEndpoints.GetAsync("order-x", db, CancellationToken.None));

        Assert.That((result.Result as ProblemHttpResult)?.StatusCode, Is.EqualTo(StatusCodes.Status404NotFound));
    }
}
