using System.Collections.Concurrent;

namespace Fulfillment.Messaging.Tests.Support;

/// <summary>The size of every unit of work the sample group ran, as <see cref="UnitOfWorkRecorder"/> saw them.</summary>
public sealed class UnitsOfWork
{
    public ConcurrentQueue<int> Sizes { get; } = new();
}
