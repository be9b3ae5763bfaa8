using System.Collections.Concurrent;

namespace Fulfillment.Messaging.Tests.Support;

/// <summary>What the sample consumer does per event, set by each test; counts attempts per event.</summary>
public sealed class ConsumerBehavior
{
    private readonly ConcurrentDictionary<Guid, int> _attempts = new();

    public ConcurrentDictionary<Guid, bool> Failing { get; } = new();

    public ConcurrentDictionary<Guid, bool> FailingAfterPublish { get; } = new();

    public int Attempts(Guid eventId) => _attempts.GetValueOrDefault(eventId);

    internal void Attempted(Guid eventId) => _attempts.AddOrUpdate(eventId, 1, (_, count) => count + 1);
}
