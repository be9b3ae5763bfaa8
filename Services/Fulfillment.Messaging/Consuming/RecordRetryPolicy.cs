namespace Fulfillment.Messaging.Consuming;

/// <summary>
/// How one consumer group retries a failing record (<c>group.RetryWith(...)</c>): which exceptions are transient for
/// it, which are permanent, which mean a dependency is unavailable, how many retries and how fast. What a group does
/// not say comes from section <c>Retry</c> and the default classification: PostgreSQL or Kafka unreachable (and
/// timeouts) are waited out, everything else is transient.
/// </summary>
public sealed class RecordRetryPolicy
{
    private readonly Dictionary<Type, FailureKind> _kinds = [];

    internal int? Limit { get; private set; }

    internal (TimeSpan Min, TimeSpan Max, TimeSpan Delta)? Intervals { get; private set; }

    /// <summary>Retries after the first attempt before the record is dead-lettered (0: none).</summary>
    public RecordRetryPolicy Retries(int limit)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        Limit = limit;
        return this;
    }

    /// <summary>Exponential back-off between <paramref name="min"/> and <paramref name="max"/>, growing by <paramref name="delta"/>.</summary>
    public RecordRetryPolicy Backoff(TimeSpan min, TimeSpan max, TimeSpan delta)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(min, max);
        Intervals = (min, max, delta);
        return this;
    }

    /// <summary><typeparamref name="TException"/> (and what derives from it) is retried, bounded, then dead-lettered.</summary>
    public RecordRetryPolicy Transient<TException>()
        where TException : Exception => Classify<TException>(FailureKind.Transient);

    /// <summary><typeparamref name="TException"/> can never succeed: dead-letter at the first failure.</summary>
    public RecordRetryPolicy Permanent<TException>()
        where TException : Exception => Classify<TException>(FailureKind.Permanent);

    /// <summary>
    /// <typeparamref name="TException"/> means something the group needs is down: the record waits, retried every
    /// <c>Retry:InfrastructureRetryInterval</c> without limit, and is never dead-lettered for it.
    /// </summary>
    public RecordRetryPolicy WaitOut<TException>()
        where TException : Exception => Classify<TException>(FailureKind.Unavailable);

    /// <summary>The group's own word on <paramref name="exception"/>: its most specific listed type, if any.</summary>
    internal FailureKind? KindOf(Exception exception)
    {
        for (var type = exception.GetType(); type is not null && type != typeof(object); type = type.BaseType)
        {
            if (_kinds.TryGetValue(type, out var kind))
            {
                return kind;
            }
        }

        return null;
    }

    private RecordRetryPolicy Classify<TException>(FailureKind kind)
        where TException : Exception
    {
        _kinds[typeof(TException)] = kind;
        return this;
    }
}
