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
/// topics (one lane, so the batch-replay test can line records up), the outbox relay, HTTP, against the embedded Kafka
/// and a real smtp4dev.
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
                    ["Kafka:Consumer:MaxConcurrency"] = "1",
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
        await LearnAddressAsync("host-down");
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

    /// <summary>
    /// A batch whose emails left before it failed (here the database refuses one of its rows) is replayed record by
    /// record: the replay hands the SMTP server nothing it already accepted, the record that can be saved is, and the
    /// one that cannot goes to the dead-letter topic after its retries, without another email on each of them.
    /// </summary>
    [Test]
    public async Task A_failed_batch_replayed_record_by_record_sends_no_email_twice()
    {
        await LearnAddressAsync("host-replay");
        await Sql.ExecuteAsync(_service.ConnectionString, """
            CREATE FUNCTION refuse_delivered() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF NEW.kind = 'delivered' THEN RAISE EXCEPTION 'the test refuses delivered rows'; END IF;
                RETURN NEW;
            END $$;
            CREATE TRIGGER refuse_delivered BEFORE INSERT ON notifications FOR EACH ROW EXECUTE FUNCTION refuse_delivered();
            """);

        var completed = DeliveryCompleted("host-replay");

        // The lane is held on another order's batch (its preparer waits for the table) while both events of this order
        // queue behind it, so they are handled as one batch: the email of the first leaves, the second's row fails.
        await using (var holder = new Npgsql.NpgsqlConnection(_service.ConnectionString))
        {
            await holder.OpenAsync();
            await using var hold = await holder.BeginTransactionAsync();
            await using (var lockTable = new Npgsql.NpgsqlCommand("LOCK TABLE recipients IN ACCESS EXCLUSIVE MODE", holder, hold))
            {
                await lockTable.ExecuteNonQueryAsync();
            }

            await Produce(Topics.DeliveryEvents, DeliveryAssigned("host-replay-blocker"));
            await Task.Delay(TimeSpan.FromSeconds(1));
            await KafkaTopic.ProduceAsync(_service.BootstrapServers, Topics.DeliveryEvents, [DeliveryAssigned("host-replay"), completed]);
            await Task.Delay(TimeSpan.FromSeconds(2));
            await hold.CommitAsync();
        }

        var deadLetter = (await Eventually.ReturnsAsync(
            () => Kcat.ConsumeAsync(_service.BootstrapServers, Topics.DeliveryDeadLetters, 10, TimeSpan.FromSeconds(20)),
            records => records.Any(r => r.Header(RecordHeaders.EventId) == completed.EventId.ToString()),
            Patience,
            "the refused record's dead letter")).Single(r => r.Header(RecordHeaders.EventId) == completed.EventId.ToString());
        var emails = await _smtp.MessagesAsync();
        var listed = await _service.Http.GetFromJsonAsync<List<NotificationResponse>>("/api/notifications?orderId=host-replay");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(deadLetter.Header(RecordHeaders.EventType), Is.EqualTo("delivery.completed"));
            Assert.That(deadLetter.Header(RecordHeaders.RetryCount), Is.Not.EqualTo("0"), "retried, and each retry would have sent again");
            Assert.That(emails.Select(e => e.MessageId), Is.EquivalentTo(new[]
            {
                "<host-replay.driver-assigned@notification.fulfillment>",
                "<host-replay.delivered@notification.fulfillment>",
            }), "each email handed to the server once: by the batch, not again by its replay or the retries");
            Assert.That(listed!.Select(n => (n.Kind, n.Status)), Is.EqualTo(new[] { ("driver-assigned", "sent") }));
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

    private async Task LearnAddressAsync(string orderId)
    {
        await Produce(Topics.OrderEvents, OrderCreated(orderId, EmailOf(orderId)));
        await Eventually.ReturnsAsync(
            () => Sql.CountAsync(_service.ConnectionString, "SELECT count(*) FROM recipients WHERE order_id = @id", [("id", orderId)]),
            count => count == 1,
            Patience,
            $"the address of {orderId} learned");
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
