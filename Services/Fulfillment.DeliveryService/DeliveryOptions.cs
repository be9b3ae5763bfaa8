using Fulfillment.DeliveryService.Assignment;

namespace Fulfillment.DeliveryService;

/// <summary>The driver pool and the movement model (section <c>Delivery</c>).</summary>
public sealed class DeliveryOptions
{
    public const string SectionName = "Delivery";

    public List<DriverOptions> Drivers { get; set; } = [];

    /// <summary>Drivers generated rather than listed, added to <see cref="Drivers"/>.</summary>
    public FleetOptions Fleet { get; set; } = new();

    /// <summary>The whole pool: the listed drivers, then the generated fleet.</summary>
    public IEnumerable<DriverOptions> Pool() => Drivers.Concat(Fleet.Drivers(Seed));

    /// <summary>Average driving speed along the great circle.</summary>
    public double SpeedKmh { get; set; } = 30;

    /// <summary>How often each delivery on the road gets a new position and an eta.updated.</summary>
    public TimeSpan EtaInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Simulated minutes per real minute, to make demos watchable: drivers cover SpeedKmh × TimeScale per real hour, and
    /// every ETA is stated in real time accordingly. 1 is real time.
    /// </summary>
    public double TimeScale { get; set; } = 1;

    /// <summary>Seeds the last tie-break between equally near, equally idle drivers: the same seed, the same choices.</summary>
    public int Seed { get; set; }

    /// <summary>Deliveries advanced (and waiting deliveries assigned) per tick transaction.</summary>
    public int MaxDeliveriesPerTick { get; set; } = 500;

    /// <summary>Run the ETA ticker in this process (tests drive ticks themselves).</summary>
    public bool TickerEnabled { get; set; } = true;

    /// <summary>Where addresses are served; null (the section absent) serves every address.</summary>
    public ServiceAreaOptions? ServiceArea { get; set; }

    /// <summary>
    /// How long a paid order may wait for a free driver before it gets delivery.failed (<c>no-driver-in-time</c>), in
    /// simulated time like the driving: the real wait is <see cref="EffectiveAssignmentTimeout"/>.
    /// </summary>
    public TimeSpan AssignmentTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Kilometres the driver covers per real hour.</summary>
    public double EffectiveSpeedKmh => SpeedKmh * TimeScale;

    /// <summary>The real time a paid order waits for a driver: <see cref="AssignmentTimeout"/> shortened by <see cref="TimeScale"/>.</summary>
    public TimeSpan EffectiveAssignmentTimeout => AssignmentTimeout / TimeScale;
}
