using System.Globalization;
using System.Net.Http.Json;
using Fulfillment.Messages;
using Fulfillment.PaymentService.Gateway;
using Fulfillment.PaymentService.Payments;
using Fulfillment.PaymentService.Tests.Support;
using Fulfillment.Testing;
using NUnit.Framework;
using static Fulfillment.PaymentService.Tests.Support.Envelopes;

namespace Fulfillment.PaymentService.Tests.Payments;

[TestFixture]
public sealed class TransientFailureTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

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

    /// <summary>
    /// Through the real service, so the retry is the chassis' own (the consumer host's bounded record retry): the
    /// gateway failure rolls the attempt back, the next attempt draws again, and the charge happens once.
    /// </summary>
    [Test]
    public async Task Retried_record_is_charged_once_when_the_gateway_answers()
    {
        // The seeded draw sequence starts with failures (checked here, so the test shows the retry path taken), and
        // succeeds within the retry limit (else the record would be dead-lettered instead).
        const int seed = 7;
        const double rate = 0.6;
        const int retryLimit = 10;
        var draws = new Random(seed);
        var failuresFirst = 0;
        while (draws.NextDouble() < rate)
        {
            failuresFirst++;
        }

        Assert.That(failuresFirst, Is.InRange(1, retryLimit), "the first call should fail with this seed, and a retry succeed");

        await using var kafka = await TestKafka.StartAsync();
        var connectionString = await TestPostgres.CreateDatabaseAsync("payment_retry");
        await using var service = new ServiceFactory<Program>(connectionString, kafka.BootstrapServers, new Dictionary<string, string?>
        {
            ["Payment:Gateway:TransientFailureRate"] = rate.ToString(CultureInfo.InvariantCulture),
            ["Payment:Gateway:Seed"] = seed.ToString(CultureInfo.InvariantCulture),
            ["Retry:Limit"] = retryLimit.ToString(CultureInfo.InvariantCulture),
            ["Retry:MinInterval"] = "00:00:00.010",
            ["Retry:MaxInterval"] = "00:00:00.050",
            ["Retry:IntervalDelta"] = "00:00:00.010",
        });
        using var http = service.CreateClient();
        var reserved = InventoryReserved("order-1");

        await KafkaTopic.ProduceAsync(kafka.BootstrapServers, Topics.InventoryEvents, reserved);
        await Eventually.ReturnsAsync(
            () => Database.CountAsync(connectionString, "SELECT count(*) FROM inbox_messages WHERE event_id = @id", reserved.EventId),
            count => count == 1,
            Patience,
            "the reservation handled");
        await Eventually.ReturnsAsync(
            () => Database.CountAsync(connectionString, "SELECT count(*) FROM outbox_messages"), count => count == 0, Patience, "the outbox drained");

        // Everything the service published is on Kafka by now: a bounded read sees a second event if there was one.
        var events = await KafkaTopic.ReadUntilAsync(kafka.BootstrapServers, Topics.PaymentEvents, records => records.Count > 1, TimeSpan.FromSeconds(5));
        var payment = await http.GetFromJsonAsync<PaymentResponse>("/api/payments/order-1");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(await Database.CountAsync(connectionString, "SELECT count(*) FROM payments WHERE order_id = 'order-1'"), Is.EqualTo(1));
            Assert.That(payment!.Status, Is.EqualTo("authorized"));
            Assert.That(events.Select(e => e.Envelope.EventType), Is.EqualTo(new[] { EventTypes.PaymentAuthorized }));
        }
    }
}
