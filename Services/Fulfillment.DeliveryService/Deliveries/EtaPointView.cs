using Fulfillment.Messages;

namespace Fulfillment.DeliveryService.Deliveries;

public sealed record EtaPointView(int Sequence, GeoPoint DriverPosition, double RemainingKm, DateTimeOffset EstimatedArrival, DateTimeOffset RecordedAt);
