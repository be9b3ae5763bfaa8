using System.Globalization;

namespace Fulfillment.WatcherBenchmark;

/// <summary>
/// <c>--watchers 250,500,1000,2000</c> (steps, each adding watchers to the last), <c>--orders 100</c> (watchers spread
/// over them), <c>--duration 20</c> (seconds of updates per step), <c>--interval 1000</c> (ms between rounds, one
/// eta.updated per order each), <c>--threshold 1000</c> (ms the p99 must stay under).
/// </summary>
public sealed record WatcherOptions(IReadOnlyList<int> Steps, int Orders, TimeSpan Duration, TimeSpan Interval, TimeSpan Threshold)
{
    public static WatcherOptions Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                throw new FormatException($"expected --name value pairs, got '{args[i]}'");
            }

            values[args[i][2..]] = args[i + 1];
        }

        int Number(string name, int fallback) =>
            values.TryGetValue(name, out var text) ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;
        var steps = values.TryGetValue("watchers", out var list)
            ? list.Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToList()
            : [250, 500, 1000, 2000];
        if (steps.Count == 0 || steps.Any(s => s <= 0) || !steps.SequenceEqual(steps.Order()))
        {
            throw new FormatException("--watchers must be increasing positive numbers, such as 250,500,1000");
        }

        return new WatcherOptions(
            steps,
            Number("orders", 100),
            TimeSpan.FromSeconds(Number("duration", 20)),
            TimeSpan.FromMilliseconds(Number("interval", 1000)),
            TimeSpan.FromMilliseconds(Number("threshold", 1000)));
    }
}
