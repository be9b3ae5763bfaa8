using System.Collections.Concurrent;

namespace Fulfillment.Messaging.Tests.Support;

/// <summary>What the sample consumer does per event, set by each test; counts attempts per event.</summary>
public sealed class ConsumerBehavior
{
    private readonly ConcurrentDictionary<Guid, int> _attempts = new();

    /// <summary>Events every attempt fails for, as the record's own fault (an <see cref="InvalidOperationException"/>).</summary>
    public ConcurrentDictionary<Guid, bool> Failing { get; } = new();

    public ConcurrentDictionary<Guid, bool> FailingAfterPublish { get; } = new();

    /// <summary>Events whose first n attempts fail as the record's fault, the later ones succeed.</summary>
    public ConcurrentDictionary<Guid, int> FailingFirst { get; } = new();

    /// <summary>Events whose first n attempts fail as the platform failing (a <see cref="TimeoutException"/>), the later ones succeed.</summary>
    public ConcurrentDictionary<Guid, int> UnavailableFirst { get; } = new();

    public int Attempts(Guid eventId) => _attempts.GetValueOrDefault(eventId);

    /// <summary>Counts an attempt and returns its number (1 for the first).</summary>
    internal int Attempted(Guid eventId) => _attempts.AddOrUpdate(eventId, 1, (_, count) => count + 1);
}
