namespace Fulfillment.Messages;

/// <summary>A WGS-84 position in decimal degrees.</summary>
public sealed record GeoPoint(double Latitude, double Longitude);
