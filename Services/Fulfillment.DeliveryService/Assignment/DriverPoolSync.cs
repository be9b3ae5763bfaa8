using Fulfillment.Messaging.Hosting;

namespace Fulfillment.DeliveryService.Assignment;

/// <summary>Synchronises the driver pool before the consumers and the ticker start, so no order waits for it.</summary>
public sealed class DriverPoolSync(DriverPool pool) : StartupTask
{
    public override Task StartingAsync(CancellationToken cancellationToken) => pool.EnsureSynchronisedAsync(cancellationToken);
}
