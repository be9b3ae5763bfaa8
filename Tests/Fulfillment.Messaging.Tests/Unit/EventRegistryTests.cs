using System.Reflection;
using Fulfillment.Messages;
using NUnit.Framework;

namespace Fulfillment.Messaging.Tests.Unit;

public sealed class EventRegistryTests
{
    private static IEnumerable<string> AllEventTypes() =>
        typeof(EventTypes).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (string)f.GetValue(null)!);

    [TestCaseSource(nameof(AllEventTypes))]
    public void Every_event_type_maps_to_one_payload_and_its_domain_topic(string eventType)
    {
        Assert.That(EventRegistry.TryGet(eventType, out var descriptor), Is.True);
        var domain = eventType.Split('.')[0] switch
        {
            "eta" => "delivery",
            var prefix => prefix,
        };
        Assert.Multiple(() =>
        {
            Assert.That(descriptor!.Topic, Is.EqualTo($"raw.{domain}-events"));
            Assert.That(descriptor.DeadLetterTopic, Is.EqualTo($"dlq.{domain}-events"));
            Assert.That(EventRegistry.For(descriptor.PayloadType), Is.SameAs(descriptor));
            Assert.That(descriptor.EnvelopeType, Is.EqualTo(typeof(EventEnvelope<>).MakeGenericType(descriptor.PayloadType)));
        });
    }

    [Test]
    public void Unregistered_payloads_are_refused() =>
        Assert.That(() => EventRegistry.For<GeoPoint>(), Throws.ArgumentException);
}
