using System.Text.Json;
using Fulfillment.Messages;
using Fulfillment.Messaging.Kafka;
using Fulfillment.Messaging.Outbox;
using Fulfillment.Messaging.Tests.Support;
using Fulfillment.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NUnit.Framework;

namespace Fulfillment.Messaging.Tests.Integration;

public sealed class OutboxTests : ChassisTestBase
{
    [Test]
    public async Task A_rolled_back_transaction_leaves_no_outbox_row_and_no_event()
    {
        await using var service = await StartServiceAsync(new Dictionary<string, string?> { ["Retry:Limit"] = "1" });
        var doomed = TestEvents.OrderCreated("order-doomed");
        var fine = TestEvents.OrderCreated("order-fine");
        Behavior.FailingAfterPublish[doomed.EventId] = true;

        await ProduceAsync(doomed);
        await ProduceAsync(fine);
        await TopicReader.ReadAsync(Kafka.BootstrapServers, Topics.OrderDeadLetters, 1, Patience);
        await WaitForHandledAsync(service, rows => rows.Count == 1, "the good event handled");
        await Eventually.ReturnsAsync(
            () => service.QueryAsync(db => db.OutboxMessages.CountAsync()), count => count == 0, Patience, "outbox drained");

        var published = await TopicReader.ReadAsync(Kafka.BootstrapServers, Topics.InventoryEvents, 2, TimeSpan.FromSeconds(3));
        Assert.That(published.Select(r => r.Message.Key).ToList(), Is.EqualTo(new[] { "order-fine" }));
        Assert.That(Behavior.Attempts(doomed.EventId), Is.InRange(2, 3), "bounded: one retry, plus a try in a batch");

        // The HTTP-handler path: an event added in a transaction that rolls back is gone too.
        await using var scope = service.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SampleDbContext>();
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            scope.ServiceProvider.GetRequiredService<IEventOutbox>().Add("order-http", fine.Payload, "corr-http");
            await db.SaveChangesAsync();
            await transaction.RollbackAsync();
        }

        Assert.That(await db.OutboxMessages.CountAsync(), Is.Zero);
    }

    [Test]
    public async Task An_event_committed_before_a_crash_is_delivered_after_the_restart()
    {
        var consumed = TestEvents.OrderCreated("order-crash");
        var relayOff = new Dictionary<string, string?> { ["Outbox:RelayEnabled"] = "false" };
        var crashed = await StartServiceAsync(relayOff);
        await ProduceAsync(consumed);
        await WaitForHandledAsync(crashed, rows => rows.Count == 1, "handled before the crash");
        Assert.That(await crashed.QueryAsync(db => db.OutboxMessages.CountAsync()), Is.EqualTo(1));
        await crashed.DisposeAsync();

        var beforeRestart = await TopicReader.ReadAsync(Kafka.BootstrapServers, Topics.InventoryEvents, 1, TimeSpan.FromSeconds(2));
        Assert.That(beforeRestart, Is.Empty, "nothing was relayed before the crash");

        await using var restarted = await StartServiceAsync();
        var relayed = (await TopicReader.ReadAsync(Kafka.BootstrapServers, Topics.InventoryEvents, 1, Patience)).Single();
        var envelope = EnvelopeSerializer.Deserialize(relayed.Message.Value).Envelope;

        Assert.That(envelope, Is.Not.Null);
        Assert.Multiple(() =>
        {
            Assert.That(relayed.Message.Key, Is.EqualTo("order-crash"));
            Assert.That(envelope!.EventType, Is.EqualTo(EventTypes.InventoryReserved));
            Assert.That(envelope.OrderId, Is.EqualTo("order-crash"));
            Assert.That(envelope.CorrelationId, Is.EqualTo(consumed.CorrelationId));
            Assert.That(envelope.CausationId, Is.EqualTo(consumed.EventId.ToString()));
            Assert.That(envelope.Producer, Is.EqualTo(SampleService.GroupId));
            Assert.That(envelope.ProducedAt, Is.Not.Null);
            Assert.That(relayed.Message.Headers.GetUtf8(RecordHeaders.EventId), Is.EqualTo(envelope.EventId.ToString()));
        });
        await Eventually.ReturnsAsync(
            () => restarted.QueryAsync(db => db.OutboxMessages.CountAsync()), count => count == 0, Patience, "sent rows removed");
    }

    [Test]
    public async Task Kcat_reads_the_key_headers_and_envelope_of_a_relayed_record()
    {
        await using var service = await StartServiceAsync();
        var consumed = TestEvents.OrderCreated("order-kcat", sequence: 4);
        await ProduceAsync(consumed);
        await TopicReader.ReadAsync(Kafka.BootstrapServers, Topics.InventoryEvents, 1, Patience);

        var record = (await Fulfillment.Testing.Kcat.ConsumeAsync(Kafka.BootstrapServers, Topics.InventoryEvents, 1, Patience)).Single();
        using var json = JsonDocument.Parse(record.Payload!);
        var root = json.RootElement;

        Assert.Multiple(() =>
        {
            Assert.That(record.Key, Is.EqualTo("order-kcat"));
            Assert.That(record.Header(RecordHeaders.EventType), Is.EqualTo(EventTypes.InventoryReserved));
            Assert.That(record.Header(RecordHeaders.EventId), Is.EqualTo(root.GetProperty("eventId").GetString()));
            Assert.That(record.Header(RecordHeaders.CorrelationId), Is.EqualTo(consumed.CorrelationId));
            Assert.That(record.Header(RecordHeaders.ContentType), Is.EqualTo("application/json"));
            Assert.That(record.Header(RecordHeaders.TraceParent), Does.Match("^00-0af7651916cd43dd8448eb211c80319c-[0-9a-f]{16}-0[01]$"),
                "the consumed record's trace continues");
            Assert.That(root.GetProperty("schemaVersion").GetInt32(), Is.EqualTo(1));
            Assert.That(root.GetProperty("producedAt").GetString(), Does.EndWith("Z"));
            Assert.That(root.GetProperty("payload").GetProperty("amount").GetDecimal(), Is.EqualTo(4m));
        });
    }
}
