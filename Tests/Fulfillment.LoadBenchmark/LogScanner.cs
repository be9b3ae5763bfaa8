using System.Text.RegularExpressions;

namespace Fulfillment.LoadBenchmark;

/// <summary>
/// Reads every process' log after the run: lines with <c>deadlock detected</c>, <c>40P01</c> (deadlock),
/// <c>53300</c> and <c>too many clients</c> (connections exhausted), which the issue says must not appear under load,
/// plus exceptions for context; and which partitions each consumer instance was last assigned.
/// </summary>
public static partial class LogScanner
{
    public static IReadOnlyList<string> Alarms { get; } = ["deadlock detected", "40P01", "53300", "too many clients"];

    /// <summary>The SQLSTATE codes as whole tokens only: "53300" also turns up inside timestamps' fractions.</summary>
    private static IReadOnlyList<(string Name, Regex Pattern)> Patterns { get; } =
        [.. Alarms.Select(a => (a, new Regex(@"(?<![\w.])" + Regex.Escape(a) + @"(?!\w)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant))),
            ("Exception", new Regex("Exception", RegexOptions.CultureInvariant))];

    public static IReadOnlyList<LogFindings> Scan(IEnumerable<MeasuredProcess> processes) =>
        [.. processes.Where(p => p.LogPath is not null && File.Exists(p.LogPath)).Select(Scan)];

    private static LogFindings Scan(MeasuredProcess process)
    {
        var counts = Patterns.ToDictionary(p => p.Name, _ => 0L, StringComparer.Ordinal);
        var assignments = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var line in Lines(process.LogPath!))
        {
            foreach (var (name, pattern) in Patterns)
            {
                if (pattern.IsMatch(line))
                {
                    counts[name]++;
                }
            }

            if (Assignment().Match(line) is { Success: true } assignment)
            {
                assignments[assignment.Groups[1].Value] = [.. Partition().Matches(line).Select(m => m.Value)];
            }
        }

        return new LogFindings(process.Name, process.Service, process.LogPath!, counts, [.. assignments.Values.SelectMany(p => p).Distinct()]);
    }

    /// <summary>Lines containing <paramref name="text"/> (ordinal) in the logs of <paramref name="processes"/>.</summary>
    public static long CountLines(IEnumerable<MeasuredProcess> processes, string text) =>
        processes.Where(p => p.LogPath is not null && File.Exists(p.LogPath))
            .Sum(p => Lines(p.LogPath!).LongCount(line => line.Contains(text, StringComparison.Ordinal)));

    /// <summary>A log's lines, read while its process may still be writing it.</summary>
    private static IEnumerable<string> Lines(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        while (reader.ReadLine() is { } line)
        {
            yield return line;
        }
    }

    [GeneratedRegex(@"Consumer group \\?""?([a-z0-9-]+)\\?""? assigned")]
    private static partial Regex Assignment();

    [GeneratedRegex(@"raw\.[a-z-]+ \[\[\d+\]\]")]
    private static partial Regex Partition();
}
