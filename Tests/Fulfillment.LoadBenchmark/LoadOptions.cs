using System.Globalization;

namespace Fulfillment.LoadBenchmark;

/// <summary>The command line (see docs/benchmarks.md, "End-to-end"); every option has a default.</summary>
public sealed record LoadOptions
{
    public double Rate { get; init; } = 100;

    public int DurationSeconds { get; init; } = 30;

    public int WarmupSeconds { get; init; } = 10;

    public int Skus { get; init; } = 10;

    /// <summary>0: lines spread uniformly over <see cref="Skus"/>; K: <see cref="HotShare"/> of the lines on the first K.</summary>
    public int HotSkus { get; init; }

    public double HotShare { get; init; } = 0.8;

    public int Lines { get; init; } = 1;

    public int Drivers { get; init; } = 1000;

    public double FleetLatitude { get; init; } = 48.8566;

    public double FleetLongitude { get; init; } = 2.3522;

    public double FleetRadiusKm { get; init; } = 10;

    public string EtaInterval { get; init; } = "00:00:01";

    public double TimeScale { get; init; } = 2000;

    public int Instances { get; init; } = 1;

    public int Connections { get; init; } = 64;

    public int MaxInFlight { get; init; } = 2000;

    public bool FindMax { get; init; }

    public double StartRate { get; init; } = 50;

    public double RateFactor { get; init; } = 1.5;

    public int StepSeconds { get; init; } = 20;

    public int MaxSteps { get; init; } = 12;

    /// <summary>After a find-max step: how long the backlog may take to drain for the step to count as sustainable.</summary>
    public int StepDrainSeconds { get; init; } = 10;

    /// <summary>After the load: how long to wait for every accepted order's delivery.assigned before giving up.</summary>
    public int DrainTimeoutSeconds { get; init; } = 120;

    public int PgBenchSeconds { get; init; } = 5;

    public double TransientFailureRate { get; init; }

    /// <summary>Seconds between the lines of the backlog table (sampled every second regardless).</summary>
    public int PrintEverySeconds { get; init; } = 2;

    /// <summary>Per-service consumer benchmark (<c>inventory</c> or <c>delivery</c>) instead of the end-to-end run; null: end to end.</summary>
    public string? Service { get; init; }

    /// <summary>Per-service mode: timed input events per round (plus a quarter as many as warm-up before them).</summary>
    public int Events { get; init; } = 20000;

    /// <summary>Per-service mode: rounds, each on a fresh broker, database and service process.</summary>
    public int Rounds { get; init; } = 3;

    public TargetPlatform? Target { get; init; }

    public string? OutDirectory { get; init; }

    public static LoadOptions Parse(string[] args)
    {
        var options = new LoadOptions();
        var target = (TargetPlatform?)null;
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            string Value() => i + 1 < args.Length ? args[++i] : throw new FormatException($"{name} needs a value.");
            options = name switch
            {
                "--rate" => options with { Rate = Number(name, Value()) },
                "--duration" => options with { DurationSeconds = Whole(name, Value()) },
                "--warmup" => options with { WarmupSeconds = Whole(name, Value()) },
                "--skus" => options with { Skus = Whole(name, Value()) },
                "--hot-skus" => options with { HotSkus = Whole(name, Value()) },
                "--hot-share" => options with { HotShare = Number(name, Value()) },
                "--lines" => options with { Lines = Whole(name, Value()) },
                "--drivers" => options with { Drivers = Whole(name, Value()) },
                "--fleet-latitude" => options with { FleetLatitude = Number(name, Value()) },
                "--fleet-longitude" => options with { FleetLongitude = Number(name, Value()) },
                "--fleet-radius-km" => options with { FleetRadiusKm = Number(name, Value()) },
                "--eta-interval" => options with { EtaInterval = TimeSpan.Parse(Value(), CultureInfo.InvariantCulture).ToString("c", CultureInfo.InvariantCulture) },
                "--time-scale" => options with { TimeScale = Number(name, Value()) },
                "--instances" => options with { Instances = Whole(name, Value()) },
                "--connections" => options with { Connections = Whole(name, Value()) },
                "--max-in-flight" => options with { MaxInFlight = Whole(name, Value()) },
                "--find-max" => options with { FindMax = true },
                "--start-rate" => options with { StartRate = Number(name, Value()) },
                "--rate-factor" => options with { RateFactor = Number(name, Value()) },
                "--step-seconds" => options with { StepSeconds = Whole(name, Value()) },
                "--max-steps" => options with { MaxSteps = Whole(name, Value()) },
                "--step-drain-seconds" => options with { StepDrainSeconds = Whole(name, Value()) },
                "--drain-timeout" => options with { DrainTimeoutSeconds = Whole(name, Value()) },
                "--pgbench-seconds" => options with { PgBenchSeconds = Whole(name, Value()) },
                "--transient-failure-rate" => options with { TransientFailureRate = Number(name, Value()) },
                "--print-every" => options with { PrintEverySeconds = Whole(name, Value()) },
                "--service" => options with { Service = Value() },
                "--events" => options with { Events = Whole(name, Value()) },
                "--rounds" => options with { Rounds = Whole(name, Value()) },
                "--out" => options with { OutDirectory = Value() },
                "--target" => options with { Target = target = TargetPlatform.Parse(target, Value()) },
                _ => throw new FormatException($"unknown option '{name}'."),
            };
        }

        Validate(options);
        return options;
    }

    private static void Validate(LoadOptions o)
    {
        if (o.Rate <= 0 || o.DurationSeconds < 1 || o.WarmupSeconds < 0 || o.Skus < 1 || o.HotSkus < 0 || o.HotSkus > o.Skus
            || o.HotShare is < 0 or > 1 || o.Lines < 1 || o.Lines > o.Skus || o.Drivers < 1 || o.TimeScale <= 0 || o.Instances < 1
            || o.Connections < 1 || o.MaxInFlight < 1 || o.StartRate <= 0 || o.RateFactor <= 1 || o.StepSeconds < 2 || o.MaxSteps < 1
            || o.PgBenchSeconds < 0 || o.TransientFailureRate is < 0 or > 1 || o.PrintEverySeconds < 1)
        {
            throw new FormatException(
                "out of range: rates > 0, --duration ≥ 1, --lines ≤ --skus, --hot-skus ≤ --skus, shares in 0..1, --rate-factor > 1, --step-seconds ≥ 2.");
        }

        if (o.Service is { } service && (ServiceUnderTest.Find(service) is null || o.Events < 4 || o.Rounds < 1 || o.Target is not null))
        {
            throw new FormatException("--service is inventory or delivery, with --events ≥ 4 and --rounds ≥ 1, and starts its own platform (no --target).");
        }
    }

    private static double Number(string name, string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new FormatException($"{name} must be a number, not '{text}'.");

    private static int Whole(string name, string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new FormatException($"{name} must be a whole number, not '{text}'.");
}
