namespace Fulfillment.DeliveryService.Tracking;

/// <summary>
/// What one tick did: deliveries moved (each with an eta.updated), of which arrived, waiting ones assigned, and waiting
/// ones failed for want of a driver in time.
/// </summary>
public sealed record TickResult(int Advanced, int Completed, int Assigned, int Expired)
{
    public bool DidAnything => Advanced + Assigned + Expired > 0;
}
