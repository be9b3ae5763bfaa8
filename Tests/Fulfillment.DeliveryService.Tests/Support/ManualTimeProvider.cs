namespace Fulfillment.DeliveryService.Tests.Support;

/// <summary>A clock that only moves when the test says so (Microsoft.Extensions.TimeProvider.Testing is not on this feed).</summary>
public sealed class ManualTimeProvider(DateTimeOffset start) : TimeProvider
{
    private readonly Lock _gate = new();
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _now;
        }
    }

    public void Advance(TimeSpan by)
    {
        lock (_gate)
        {
            _now += by;
        }
    }
}
