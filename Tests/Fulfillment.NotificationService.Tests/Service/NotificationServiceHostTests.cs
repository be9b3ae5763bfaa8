using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Fulfillment.Messages;
using Fulfillment.Messaging.Kafka;
using Fulfillment.NotificationService.Notifications;
using Fulfillment.Testing;
using NUnit.Framework;
using static Fulfillment.NotificationService.Tests.Support.Envelopes;

namespace Fulfillment.NotificationService.Tests.Service;

/// <summary>
/// The whole service as it runs: Program and appsettings.json, migrations at start-up, its consumer group on five
/// topics (batches of one), the outbox relay, HTTP, against the embedded Kafka and a real smtp4dev.
/// </summary>
[TestFixture]
public sealed class NotificationServiceHostTests
{
    private const int RetryLimit = 2;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private Smtp4devServer _smtp = null!;
    private ServiceUnderTest<Program> _service = null!;

    [SetUp]
    public async Task StartAsync()
    {
        _smtp = await Smtp4devServer.StartAsync();
        _service = await ServiceHost.StartAsync(
            await TestKafka.StartAsync(),
            async bootstrapServers => new ServiceFactory<Program>(
                await TestPostgres.CreateDatabaseAsync("notification_host"),
                bootstrapServers,
                new Dictionary<string, string?>
                {
                    ["Notification:Smtp:Host"] = _smtp.Host,
                    ["Notification:Smtp:Port"] = _smtp.SmtpPort.ToString(CultureInfo.InvariantCulture),
                    ["Notification:Smtp:Timeout"] = "00:00:05",
                    ["Notification:Retry:Limit"] = RetryLimit.ToString(CultureInfo.InvariantCulture),
                    ["Notification:Retry:MinInterval"] = "00:00:00.050",
                    ["Notification:Retry:MaxInterval"] = "00:00:00.200",
                    ["Notification:Retry:IntervalDelta"] = "00:00:00.050",
                }));
    }

    [TearDown]
    public async Task StopAsync()
    {
        await _service.DisposeAsync();
        await _smtp.DisposeAsync();
    }

    [Test]
    public async Task Events_from_kafka_send_one_email_each_and_publish_notification_sent()
    {
        var created = OrderCreated("host-1", EmailOf("host-1"));
        var assigned = DeliveryAssigned("host-1");
        await Produce(Topics.OrderEvents, created);
        await Produce(Topics.DeliveryEvents, assigned);
        // The same record again (a redelivery: same eventId) and the same event re-sent (new eventId): no second email.
        await Produce(Topics.DeliveryEvents, assigned);
        var resent = assigned with { EventId = Guid.CreateVersion7() };
        await Produce(Topics.DeliveryEvents, resent);
        await Produce(Topics.InvoiceEvents, InvoiceIssued("host-1", "INV-2026-000007"));
        var last = DeliveryCompleted("host-1");
        await Produce(Topics.DeliveryEvents, last);

        await WaitForInboxAsync(last.EventId, resent.EventId);
        var emails = await Eventually.ReturnsAsync(() => _smtp.MessagesAsync(), e => e.Count >= 3, Patience, "three emails");
        var sent = await KafkaTopic.ReadUntilAsync(_service.BootstrapServers, Topics.NotificationEvents, records => records.Count > 3, TimeSpan.FromSeconds(5));
        var listed = await _service.Http.GetFromJsonAsync<List<NotificationResponse>>("/api/notifications?orderId=host-1");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(emails.Select(e => e.MessageId), Is.EquivalentTo(new[]
            {
                "<host-1.driver-assigned@notification.fulfillment>",
                "<host-1.order-confirmed@notification.fulfillment>",
                "<host-1.delivered@notification.fulfillment>",
            }));
            Assert.That(emails.Single(e => e.MessageId!.Contains("order-confirmed", StringComparison.Ordinal)).Body, Does.Contain("INV-2026-000007"));
            Assert.That(sent.Select(s => ((NotificationSent)s.Envelope.Payload).Kind), Is.EquivalentTo(new[] { "driver-assigned", "order-confirmed", "delivered" }));
            Assert.That(sent.Select(s => s.Envelope.Producer), Is.All.EqualTo("notification-service"));
            Assert.That(sent.Select(s => s.Key), Is.All.EqualTo("host-1"));
            Assert.That(listed!.Select(n => n.Status), Is.EqualTo(new[] { "sent", "sent", "sent" }));
        }
    }

    /// <summary>
    /// SMTP down: the email's record is retried (bounded, with back-off) and dead-lettered with its reason, nothing is
    /// written for it, and once SMTP is back the next record on the same partition goes through.
    /// </summary>
    [Test]
    public async Task With_smtp_down_the_record_is_dead_lettered_after_its_retries_and_the_partition_flows_on()
    {
        await Produce(Topics.OrderEvents, OrderCreated("host-down", EmailOf("host-down")));
        await Eventually.ReturnsAsync(
            () => Sql.CountAsync(_service.ConnectionString, "SELECT count(*) FROM recipients WHERE order_id = 'host-down'"),
            count => count == 1,
            Patience,
            "the address learned");
        await _smtp.StopAsync();

        var assigned = DeliveryAssigned("host-down");
        await Produce(Topics.DeliveryEvents, assigned);
        var deadLetter = (await Eventually.ReturnsAsync(
            () => Kcat.ConsumeAsync(_service.BootstrapServers, Topics.DeliveryDeadLetters, 10, TimeSpan.FromSeconds(20)),
            records => records.Count > 0,
            Patience,
            "the dead letter")).Single();

        await _smtp.StartAgainAsync();
        var completed = DeliveryCompleted("host-down");
        await Produce(Topics.DeliveryEvents, completed);
        var emails = await Eventually.ReturnsAsync(() => _smtp.MessagesAsync(), e => e.Count > 0, Patience, "the next email");
        var listed = await _service.Http.GetFromJsonAsync<List<NotificationResponse>>("/api/notifications?orderId=host-down");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(deadLetter.Header(RecordHeaders.EventId), Is.EqualTo(assigned.EventId.ToString()));
            Assert.That(deadLetter.Header(RecordHeaders.ExceptionType), Does.Contain(nameof(System.Net.Sockets.SocketException)));
            Assert.That(deadLetter.Header(RecordHeaders.RetryCount), Is.EqualTo(RetryLimit.ToString(CultureInfo.InvariantCulture)));
            Assert.That(deadLetter.Header(RecordHeaders.OriginalTopic), Is.EqualTo(Topics.DeliveryEvents));
            Assert.That(emails.Select(e => e.MessageId), Is.EqualTo(new[] { "<host-down.delivered@notification.fulfillment>" }));
            Assert.That(listed!.Select(n => n.Kind), Is.EqualTo(new[] { "delivered" }), "nothing written for the dead-lettered email");
        }
    }

    [Test]
    public async Task A_query_without_an_order_is_a_problem_400()
    {
        using var response = await _service.Http.GetAsync(new Uri("/api/notifications", UriKind.Relative));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        }
    }

    private Task Produce(string topic, IEventEnvelope envelope) => KafkaTopic.ProduceAsync(_service.BootstrapServers, topic, envelope);

    private async Task WaitForInboxAsync(params Guid[] eventIds)
    {
        foreach (var eventId in eventIds)
        {
            await Eventually.ReturnsAsync(
                () => Sql.CountAsync(_service.ConnectionString, "SELECT count(*) FROM inbox_messages WHERE event_id = @id", [("id", eventId)]),
                count => count == 1,
                Patience,
                $"event {eventId} handled");
        }
    }
}
