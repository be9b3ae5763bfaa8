using Microsoft.Extensions.Options;

namespace Fulfillment.DeliveryService;

/// <summary>Refuses to start with a pool or a movement model that cannot work, rather than failing at the first order.</summary>
public sealed class DeliveryOptionsValidator : IValidateOptions<DeliveryOptions>
{
    public ValidateOptionsResult Validate(string? name, DeliveryOptions options)
    {
        var failures = new List<string>();
        if (options.Drivers.Count == 0 && options.Fleet.Size <= 0)
        {
            failures.Add("Delivery:Drivers must name at least one driver, or Delivery:Fleet:Size be positive.");
        }

        if (options.Fleet.Size is < 0 or > 99_999
            || !double.IsFinite(options.Fleet.RadiusKm) || options.Fleet.RadiusKm < 0
            || !double.IsFinite(options.Fleet.Latitude) || Math.Abs(options.Fleet.Latitude) > 85
            || !double.IsFinite(options.Fleet.Longitude) || Math.Abs(options.Fleet.Longitude) > 180)
        {
            failures.Add("Delivery:Fleet needs Size 0 to 99,999, a radius of at least 0 km and a centre within latitude ±85 and longitude ±180.");
        }

        var pool = options.Fleet.Size is >= 0 and <= 99_999 ? options.Pool().ToList() : options.Drivers;
        foreach (var driver in options.Drivers)
        {
            if (string.IsNullOrWhiteSpace(driver.Id) || driver.Id.Length > 64)
            {
                failures.Add($"Delivery:Drivers: driver id '{driver.Id}' must be 1 to 64 characters.");
            }

            if (!double.IsFinite(driver.Latitude) || Math.Abs(driver.Latitude) > 90
                || !double.IsFinite(driver.Longitude) || Math.Abs(driver.Longitude) > 180)
            {
                failures.Add($"Delivery:Drivers: driver '{driver.Id}' has an invalid start position.");
            }
        }

        foreach (var duplicate in pool.GroupBy(d => d.Id, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            failures.Add($"Delivery:Drivers: driver id '{duplicate.Key}' appears more than once.");
        }

        if (!double.IsFinite(options.SpeedKmh) || options.SpeedKmh <= 0)
        {
            failures.Add("Delivery:SpeedKmh must be positive.");
        }

        if (!double.IsFinite(options.TimeScale) || options.TimeScale <= 0)
        {
            failures.Add("Delivery:TimeScale must be positive.");
        }

        if (options.EtaInterval <= TimeSpan.Zero)
        {
            failures.Add("Delivery:EtaInterval must be positive.");
        }

        if (options.AssignmentTimeout <= TimeSpan.Zero)
        {
            failures.Add("Delivery:AssignmentTimeout must be positive.");
        }

        if (options.ServiceArea is { } area
            && (!double.IsFinite(area.Latitude) || Math.Abs(area.Latitude) > 90
                || !double.IsFinite(area.Longitude) || Math.Abs(area.Longitude) > 180
                || !double.IsFinite(area.RadiusKm) || area.RadiusKm <= 0))
        {
            failures.Add("Delivery:ServiceArea needs a centre within latitude ±90 and longitude ±180 and a positive RadiusKm.");
        }

        if (options.MaxDeliveriesPerTick < 1)
        {
            failures.Add("Delivery:MaxDeliveriesPerTick must be at least 1.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
