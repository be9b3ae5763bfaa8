using System.Globalization;
using System.Net;
using Fulfillment.EndToEnd.Tests.Api;
using Fulfillment.Messages;
using Fulfillment.Testing;
using Fulfillment.Testing.Processes;

namespace Fulfillment.EndToEnd.Tests.DeadLetters;

/// <summary>
/// A record that keeps failing in a consumer is dead-lettered instead of blocking its partition; once the cause is
/// fixed, replaying it from query-api's admin API lets the order carry on. The failure is real: payment-service is
/// restarted with its simulated gateway failing every call (a gateway outage outlasting the bounded retries), then
/// restarted again with the gateway healthy, as an operator would after the outage.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class DeadLetterReplayTests : EndToEndTest
{
    private const string GatewayFailureRate = "Payment__Gateway__TransientFailureRate";

    [Test]
    public async Task The_admin_API_refuses_requests_without_the_right_key()
    {
        using var missing = await Api.SendAdminAsync(HttpMethod.Get, "/api/admin/dlq", apiKey: null);
        using var wrong = await Api.SendAdminAsync(HttpMethod.Post, "/api/admin/dlq/1/replay", apiKey: "not-the-key");

        await Problems.AssertAsync(missing, HttpStatusCode.Unauthorized);
        await Problems.AssertAsync(wrong, HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task A_payment_failing_past_its_retries_is_dead_lettered_and_completes_when_replayed_after_the_fix()
    {
        var correlationId = "e2e-dlq-" + Guid.NewGuid().ToString("N");
        PlacedOrder placed;
        DeadLetterSummary letter;
        await Platform.RestartAsync(ServiceSpec.PaymentService, new Dictionary<string, string> { [GatewayFailureRate] = "1" });
        try
        {
            placed = await Api.PlaceOrderAsync(
                OrderBodies.Order(OrderBodies.UniqueCustomer("dlq"), "SKU-004", quantity: 1, unitPrice: 30.00m), correlationId: correlationId);
            var orderId = placed.OrderId;

            var letters = await Eventually.ReturnsAsync(
                () => Api.ListDeadLettersAsync(Topics.InventoryDeadLetters),
                page => page.Items.Any(d => d.Key == orderId),
                what: $"a dead letter of order {orderId} in {Topics.InventoryDeadLetters}",
                timeout: PlatformApi.Patience);
            letter = letters.Items.Single(d => d.Key == orderId);
            var details = await Api.GetDeadLetterAsync(letter.Id);

            using (Assert.EnterMultipleScope())
            {
                Assert.That(letter.Topic, Is.EqualTo(Topics.InventoryDeadLetters));
                Assert.That(letter.OriginalTopic, Is.EqualTo(Topics.InventoryEvents));
                Assert.That(letter.ConsumerGroup, Is.EqualTo(ServiceSpec.PaymentService.Name));
                Assert.That(letter.EventType, Is.EqualTo(EventTypes.InventoryReserved));
                Assert.That(letter.ExceptionType, Does.Contain("GatewayUnavailableException"));
                Assert.That(letter.Error, Does.Contain("gateway outage"));
                Assert.That(letter.RetryCount, Is.EqualTo(Platform.RetryLimit), "retried as configured, then dead-lettered");
                Assert.That(letter.ReplayCount, Is.Zero);
                Assert.That(letter.ReplayedAt, Is.Null);

                Assert.That(details.Header("x-original-topic"), Is.EqualTo(Topics.InventoryEvents));
                Assert.That(details.Header("x-consumer-group"), Is.EqualTo(ServiceSpec.PaymentService.Name));
                Assert.That(details.Header("x-retry-count"), Is.EqualTo(Platform.RetryLimit.ToString(CultureInfo.InvariantCulture)));
                Assert.That(details.Header("x-error"), Does.Contain("gateway outage"));
                Assert.That(details.Header("x-exception-type"), Does.Contain("GatewayUnavailableException"));
                Assert.That(details.Header("x-original-partition"), Is.Not.Null);
                Assert.That(details.Header("x-original-offset"), Is.Not.Null);
                Assert.That(details.Header("correlationId"), Is.EqualTo(correlationId), "the original headers are kept");
                Assert.That(details.ValueJson?.GetProperty("eventType").GetString(), Is.EqualTo(EventTypes.InventoryReserved));
                Assert.That(details.ValueJson?.GetProperty("orderId").GetString(), Is.EqualTo(orderId));
            }

            // Parked, not lost, and nothing charged: the order waits at the step before payment.
            var stuck = await Api.WaitForOrderAsync(orderId, o => o.Status == OrderStatuses.InventoryReserved, "INVENTORY_RESERVED");
            Assert.That(stuck.CountOf(EventTypes.PaymentAuthorized) + stuck.CountOf(EventTypes.PaymentFailed), Is.Zero);
            Assert.That(await Api.FindPaymentAsync(orderId), Is.Null, "payment-service recorded no payment");
        }
        finally
        {
            // The fix, also when the test failed above: the rest of the suite needs a working gateway.
            await Platform.RestartAsync(ServiceSpec.PaymentService);
        }

        var replay = await Api.ReplayDeadLetterAsync(letter.Id);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(replay.Id, Is.EqualTo(letter.Id));
            Assert.That(replay.Topic, Is.EqualTo(Topics.InventoryEvents), "replayed to where it failed");
            Assert.That(replay.ReplayCount, Is.EqualTo(1));
        }

        var order = await Api.WaitForOrderAsync(placed.OrderId, o => OrderStatuses.IsWithDriver(o.Status), "with a driver after the replay");
        var saga = await Api.WaitForSagaAsync(placed.OrderId, s => OrderStatuses.IsWithDriver(s.State), "with a driver after the replay");
        var payment = await Api.FindPaymentAsync(placed.OrderId);
        var replayed = (await Api.ListDeadLettersAsync(Topics.InventoryDeadLetters)).Items.Single(d => d.Id == letter.Id);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(payment?.Status, Is.EqualTo("authorized"), "payment-service charged once the gateway was back");
            Assert.That(order.Payment?.AuthCode, Is.EqualTo(payment?.AuthCode));
            // The replayed record reached query-api's groups again, and their inboxes let it count once.
            Assert.That(order.CountOf(EventTypes.InventoryReserved), Is.EqualTo(1), "inventory.reserved once in the timeline");
            Assert.That(saga.History.Count(h => h.EventType == EventTypes.InventoryReserved), Is.EqualTo(1), "inventory.reserved once in the saga");
            Assert.That(order.Timeline.Select(e => e.CorrelationId), Is.All.EqualTo(correlationId));
            Assert.That(replayed.ReplayedAt, Is.Not.Null);
            Assert.That(replayed.ReplayCount, Is.EqualTo(1));
        }
    }
}
