using Fulfillment.DeliveryService.Persistence;

namespace Fulfillment.DeliveryService.Assignment;

public sealed record RankedDriver(Driver Driver, double DistanceKm);
