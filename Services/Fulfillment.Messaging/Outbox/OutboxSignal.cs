namespace Fulfillment.Messaging.Outbox;

/// <summary>
/// Wakes every relay worker as soon as a transaction with outbox rows commits in this process. A worker takes
/// <see cref="Next"/> before it looks at the table, so a commit that lands while it looks is never missed.
/// </summary>
internal sealed class OutboxSignal
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes at the next <see cref="Notify"/>.</summary>
    public Task Next => Volatile.Read(ref _next).Task;

    public void Notify() =>
        Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    /// <summary>True when <paramref name="next"/> was signalled, false when the fallback poll interval ran out.</summary>
    public static async Task<bool> WaitAsync(Task next, TimeSpan timeout, TimeProvider clock, CancellationToken cancellationToken)
    {
        try
        {
            await next.WaitAsync(timeout, clock, cancellationToken);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }
}
