using System.Text;
using System.Text.Json.Nodes;
using Fulfillment.Messages;
using Fulfillment.Messaging.Tests.Support;
using NUnit.Framework;

namespace Fulfillment.Messaging.Tests.Unit;

public sealed class EnvelopeSerializerTests
{
    [Test]
    public void An_envelope_survives_the_round_trip_with_exact_money_and_utc_timestamps()
    {
        var envelope = TestEvents.OrderCreated("order-1", sequence: 3) with
        {
            OccurredAt = new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.FromHours(2)),
        };
        var bytes = EnvelopeSerializer.Serialize(envelope);
        var json = JsonNode.Parse(bytes)!;

        var read = EnvelopeSerializer.Deserialize(bytes);

        Assert.That(read.Succeeded, Is.True, read.Reason);
        var copy = (EventEnvelope<OrderCreated>)read.Envelope!;
        Assert.Multiple(() =>
        {
            Assert.That(json["occurredAt"]!.GetValue<string>(), Is.EqualTo("2026-11-22T08:00:00.0000000Z"));
            Assert.That(json["payload"]!["total"]!.ToJsonString(), Is.EqualTo("29.97"));
            Assert.That(json["payload"]!["items"]![0]!["unitPrice"]!.ToJsonString(), Is.EqualTo("9.99"));
            Assert.That(copy.Payload.Total, Is.EqualTo(29.97m));
            Assert.That(copy.OccurredAt, Is.EqualTo(envelope.OccurredAt));
            Assert.That(copy.Payload.Items, Is.EqualTo(envelope.Payload.Items));
            Assert.That(copy with { Payload = envelope.Payload }, Is.EqualTo(envelope with { OccurredAt = copy.OccurredAt }));
        });
    }

    [Test]
    public void Readers_ignore_fields_they_do_not_know()
    {
        var json = JsonNode.Parse(EnvelopeSerializer.Serialize(TestEvents.OrderCreated("order-2")))!;
        json["addedInVersion2"] = "ignored";
        json["payload"]!["giftWrap"] = true;
        json["payload"]!["items"]![0]!["colour"] = "blue";

        var read = EnvelopeSerializer.Deserialize(Encoding.UTF8.GetBytes(json.ToJsonString()));

        Assert.That(read.Succeeded, Is.True, read.Reason);
        Assert.That(((EventEnvelope<OrderCreated>)read.Envelope!).Payload.Items.Single().Sku, Is.EqualTo("SKU-1"));
    }

    [TestCase("{not json", EnvelopeReadError.Malformed)]
    [TestCase("null", EnvelopeReadError.Malformed)]
    [TestCase("[]", EnvelopeReadError.Malformed)]
    public void Garbage_is_reported_not_thrown(string value, EnvelopeReadError expected) =>
        Assert.That(EnvelopeSerializer.Deserialize(Encoding.UTF8.GetBytes(value)).Error, Is.EqualTo(expected));

    [Test]
    public void Contract_violations_are_reported_with_their_reason()
    {
        static EnvelopeReadResult ReadMutated(Action<JsonNode> mutate)
        {
            var json = JsonNode.Parse(EnvelopeSerializer.Serialize(TestEvents.OrderCreated("order-3")))!;
            mutate(json);
            return EnvelopeSerializer.Deserialize(Encoding.UTF8.GetBytes(json.ToJsonString()));
        }

        Assert.Multiple(() =>
        {
            Assert.That(ReadMutated(j => j["eventType"] = "order.teleported").Error, Is.EqualTo(EnvelopeReadError.UnknownEventType));
            Assert.That(ReadMutated(j => j["orderId"] = " ").Error, Is.EqualTo(EnvelopeReadError.Invalid));
            Assert.That(ReadMutated(j => j["eventId"] = Guid.Empty.ToString()).Error, Is.EqualTo(EnvelopeReadError.Invalid));
            Assert.That(ReadMutated(j => j["schemaVersion"] = 0).Error, Is.EqualTo(EnvelopeReadError.Invalid));
            Assert.That(ReadMutated(j => j.AsObject().Remove("correlationId")).Error, Is.EqualTo(EnvelopeReadError.Malformed));
            Assert.That(ReadMutated(j => j["payload"]!.AsObject().Remove("currency")).Error, Is.EqualTo(EnvelopeReadError.Malformed));
            Assert.That(ReadMutated(j => j["payload"]!["items"]![0]!["quantity"] = "2").Error, Is.EqualTo(EnvelopeReadError.Malformed));
            Assert.That(ReadMutated(j => j["payload"]!["items"]![0]!["quantity"] = 2.5).Error, Is.EqualTo(EnvelopeReadError.Malformed));
            Assert.That(ReadMutated(j => j["payload"]!["customerId"] = null).Error, Is.EqualTo(EnvelopeReadError.Malformed));
            Assert.That(ReadMutated(j => j["payload"] = "text").Error, Is.EqualTo(EnvelopeReadError.Invalid));
        });
    }

    [Test]
    public void The_relay_stamps_producedAt_without_touching_the_rest()
    {
        var envelope = TestEvents.OrderCreated("order-4") with { ProducedAt = null };
        var stored = EnvelopeSerializer.Serialize(envelope);
        var at = new DateTimeOffset(2026, 11, 22, 12, 30, 15, TimeSpan.Zero);

        var stamped = EnvelopeSerializer.StampProducedAt(stored, at);
        var read = (EventEnvelope<OrderCreated>)EnvelopeSerializer.Deserialize(stamped).Envelope!;

        Assert.That(read.ProducedAt, Is.EqualTo(at));
        Assert.That(read with { ProducedAt = null, Payload = envelope.Payload }, Is.EqualTo(envelope));
    }
}
