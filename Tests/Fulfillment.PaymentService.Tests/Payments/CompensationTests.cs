using Fulfillment.Messages;
using Fulfillment.PaymentService.Gateway;
using Fulfillment.PaymentService.Payments;
using Fulfillment.PaymentService.Persistence;
using Fulfillment.PaymentService.Tests.Support;
using Fulfillment.Testing;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection;
using NUnit.Framework;
using static Fulfillment.PaymentService.Tests.Support.Envelopes;

namespace Fulfillment.PaymentService.Tests.Payments;

/// <summary>
/// Decision 0019's rows for payment-service: one order's reservation, cancellation request and delivery verdict in
/// every order they can arrive in, each re-sent under a new eventId (what the inbox cannot catch: a re-sent event, a
/// replay after an inbox wipe), always ends in one outcome: authorized then refunded once, or declined without
/// authorization.
/// </summary>
[TestFixture]
public sealed class CompensationTests : PaymentHarnessTest
{
    private const string OrderId = "order-1";

    public static IEnumerable<TestCaseData> Arrivals() =>
        ArrivalOrders.Cases([EventTypes.OrderCancelled, EventTypes.InventoryReserved], EventTypes.DeliveryCancelled, EventTypes.DeliveryFailed);

    [TestCaseSource(nameof(Arrivals))]
    public async Task Any_arrival_order_with_repeats_gives_one_outcome(IReadOnlyList<string> arrival)
    {
        // Each event twice in a row, then the whole sequence again: every copy is a new event (a new eventId).
        foreach (var eventType in arrival.SelectMany(type => new[] { type, type }).Concat(arrival))
        {
            await Payment.ConsumeSuccessfullyAsync(Event(eventType));
        }

        var payment = (await Payment.PaymentsAsync(OrderId)).Single();
        var authorized = Payment.Published<PaymentAuthorized>();
        var refunded = Payment.Published<PaymentRefunded>();
        var failed = Payment.Published<PaymentFailed>();
        if (arrival[0] == EventTypes.InventoryReserved)
        {
            // Authorized before any cancellation was seen: the verdict refunds it, once.
            var reason = arrival.Contains(EventTypes.DeliveryFailed) ? RefundReasons.DeliveryFailed : RefundReasons.OrderCancelled;
            using (Assert.EnterMultipleScope())
            {
                Assert.That(authorized, Has.Count.EqualTo(1));
                Assert.That(failed, Is.Empty);
                Assert.That(refunded, Has.Count.EqualTo(1));
                Assert.That(refunded.Single(), Is.EqualTo(new PaymentRefunded(payment.RefundId!, authorized.Single().PaymentId, 99.90m, "EUR", reason)));
                Assert.That(refunded.Single().RefundId, Does.Match("^REF-[0-9A-F]{12}$"));
                Assert.That((payment.Status, payment.RefundReason, payment.AuthCode), Is.EqualTo((PaymentStatus.Refunded, reason, authorized.Single().AuthCode)));
                Assert.That(payment.RefundedAt, Is.Not.Null);
            }
        }
        else
        {
            // A cancellation came first: the reservation is declined, never authorized, and nothing is refunded.
            var reason = arrival[0] == EventTypes.DeliveryFailed ? RefundReasons.DeliveryFailed : RefundReasons.OrderCancelled;
            using (Assert.EnterMultipleScope())
            {
                Assert.That(authorized, Is.Empty);
                Assert.That(refunded, Is.Empty);
                Assert.That(failed, Has.Count.EqualTo(1));
                Assert.That(failed.Single(), Is.EqualTo(new PaymentFailed(payment.PaymentId.ToString(), 99.90m, "EUR", reason)));
                Assert.That((payment.Status, payment.DeclineReason, payment.AuthCode, payment.RefundId), Is.EqualTo((PaymentStatus.Declined, reason, (string?)null, (string?)null)));
            }
        }
    }

    [Test]
    public async Task Cancellation_request_after_the_authorization_waits_for_the_verdict()
    {
        await Payment.ConsumeSuccessfullyAsync(InventoryReserved(OrderId));
        await Payment.ConsumeSuccessfullyAsync(OrderCancelled(OrderId));

        using (Assert.EnterMultipleScope())
        {
            Assert.That((await Payment.PaymentsAsync(OrderId)).Single().Status, Is.EqualTo(PaymentStatus.Authorized));
            Assert.That(Payment.Published<PaymentRefunded>(), Is.Empty);
        }
    }

    [Test]
    public async Task Reservation_of_a_cancelled_order_is_declined_without_calling_the_gateway()
    {
        // A gateway that never answers: asking it anything would fail the consume.
        await using var payment = await PaymentHarness.StartAsync(new Dictionary<string, string?> { ["TransientFailureRate"] = "1" });

        await payment.ConsumeSuccessfullyAsync(OrderCancelled(OrderId));
        await payment.ConsumeSuccessfullyAsync(InventoryReserved(OrderId));
        await payment.ConsumeSuccessfullyAsync(DeliveryCancelled(OrderId));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(payment.Published<PaymentFailed>().Single().Reason, Is.EqualTo("order cancelled"));
            Assert.That(payment.Published<PaymentAuthorized>(), Is.Empty);
            Assert.That(payment.Published<PaymentRefunded>(), Is.Empty);
        }
    }

    [Test]
    public async Task Verdict_for_a_declined_payment_refunds_nothing()
    {
        await Payment.ConsumeSuccessfullyAsync(InventoryReserved(OrderId, customerId: "blocked-1"));
        await Payment.ConsumeSuccessfullyAsync(DeliveryFailed(OrderId));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(Payment.Published<PaymentRefunded>(), Is.Empty);
            Assert.That((await Payment.PaymentsAsync(OrderId)).Single().Status, Is.EqualTo(PaymentStatus.Declined));
        }
    }

    [Test]
    public async Task Gateway_outage_during_the_refund_leaves_nothing_and_the_retry_refunds_once()
    {
        await Payment.ConsumeSuccessfullyAsync(InventoryReserved(OrderId));
        var verdict = DeliveryCancelled(OrderId);

        // The same database, with a gateway that is down, then with one that is back.
        await using (var down = await PaymentHarness.StartAsync(new Dictionary<string, string?> { ["TransientFailureRate"] = "1" }, Payment.ConnectionString))
        {
            var consumed = await down.ConsumeAsync(verdict);
            using (Assert.EnterMultipleScope())
            {
                Assert.That(consumed.Exception, Is.InstanceOf<RefundUnavailableException>());
                Assert.That(down.Published<PaymentRefunded>(), Is.Empty);
                Assert.That((await down.PaymentsAsync(OrderId)).Single().Status, Is.EqualTo(PaymentStatus.Authorized));
            }
        }

        await using var back = await PaymentHarness.StartAsync(connectionString: Payment.ConnectionString);
        await back.ConsumeSuccessfullyAsync(verdict);
        await back.ConsumeSuccessfullyAsync(DeliveryCancelled(OrderId));
        await back.ConsumeSuccessfullyAsync(DeliveryFailed(OrderId));

        var payment = (await back.PaymentsAsync(OrderId)).Single();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(back.Published<PaymentRefunded>(), Has.Count.EqualTo(1));
            Assert.That(back.Published<PaymentRefunded>().Single().RefundId, Is.EqualTo(payment.RefundId));
            Assert.That((payment.Status, payment.RefundReason), Is.EqualTo((PaymentStatus.Refunded, "order cancelled")));
        }
    }

    /// <summary>
    /// Two instances, one handling the reservation and the other the verdict at the same moment: the verdict's unit of
    /// work waits for the order's lock, so it sees the authorization once committed and refunds it. Without the lock
    /// it would find no payment, remember a cancellation nobody reads any more, and the customer would stay charged.
    /// </summary>
    [Test]
    public async Task Verdict_racing_an_authorization_waits_for_it_and_refunds_it()
    {
        await using var scope = Payment.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PaymentDbContext>();
        await using var authorization = await db.Database.BeginTransactionAsync();
        Assert.That(await scope.ServiceProvider.GetRequiredService<OrderPayments>().PaymentOfAsync(OrderId, CancellationToken.None), Is.Null);

        var verdict = Payment.ConsumeSuccessfullyAsync(DeliveryCancelled(OrderId));
        await Eventually.ReturnsAsync(
            () => Sql.CountAsync(Payment.ConnectionString, "SELECT count(*) FROM pg_locks l JOIN pg_database d ON d.oid = l.database WHERE l.locktype = 'advisory' AND NOT l.granted AND d.datname = current_database()"),
            waiting => waiting == 1,
            what: "the verdict waiting for the order's lock");
        db.Payments.Add(new Payment
        {
            PaymentId = Guid.CreateVersion7(),
            OrderId = OrderId,
            ReservationId = "res-1",
            CustomerId = "cust-1",
            Amount = 20m,
            Currency = "EUR",
            Status = PaymentStatus.Authorized,
            AuthCode = "AUTH-000001",
            SourceEventId = Guid.CreateVersion7(),
            CreatedAt = DateTimeOffset.UtcNow,
        });
        await db.SaveChangesAsync();
        await authorization.CommitAsync();
        await verdict;

        using (Assert.EnterMultipleScope())
        {
            Assert.That((await Payment.PaymentsAsync(OrderId)).Single().Status, Is.EqualTo(PaymentStatus.Refunded));
            Assert.That(Payment.Published<PaymentRefunded>().Single().Amount, Is.EqualTo(20m));
            Assert.That(await Sql.CountAsync(Payment.ConnectionString, "SELECT count(*) FROM cancelled_orders"), Is.Zero);
        }
    }

    [Test]
    public async Task Refund_is_shown_with_the_payment()
    {
        await Payment.ConsumeSuccessfullyAsync(InventoryReserved(OrderId, 12.5m));
        await Payment.ConsumeSuccessfullyAsync(DeliveryFailed(OrderId));

        var result = await Payment.QueryAsync(db => PaymentEndpoints.GetAsync(OrderId, db, CancellationToken.None));

        var shown = ((Ok<PaymentResponse>)result.Result).Value!;
        var refunded = Payment.Published<PaymentRefunded>().Single();
        using (Assert.EnterMultipleScope())
        {
            Assert.That((shown.Status, shown.Amount, shown.AuthCode), Is.EqualTo(("refunded", 12.5m, Payment.Published<PaymentAuthorized>().Single().AuthCode)));
            Assert.That((shown.RefundId, shown.RefundReason), Is.EqualTo((refunded.RefundId, "delivery failed")));
            Assert.That(shown.RefundedAt, Is.Not.Null);
        }
    }

    private static IEventEnvelope Event(string eventType) => eventType switch
    {
        EventTypes.OrderCancelled => OrderCancelled(OrderId),
        EventTypes.InventoryReserved => InventoryReserved(OrderId),
        EventTypes.DeliveryCancelled => DeliveryCancelled(OrderId),
        EventTypes.DeliveryFailed => DeliveryFailed(OrderId),
        _ => throw new ArgumentOutOfRangeException(nameof(eventType), eventType, null),
    };
}
