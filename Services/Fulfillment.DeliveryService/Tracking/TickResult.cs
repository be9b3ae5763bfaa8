namespace Fulfillment.DeliveryService.Tracking;

/// <summary>What one tick did: deliveries moved (each with an eta.updated), of which arrived, and waiting ones assigned.</summary>
public sealed record TickResult(int Advanced, int Completed, int Assigned)
{
    public bool DidAnything => Advanced + Assigned > 0;
}
