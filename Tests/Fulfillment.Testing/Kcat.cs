using System.Globalization;
using System.Text.Json;

namespace Fulfillment.Testing;

/// <summary>
/// Drives the <c>kcat</c> command-line client (Debian package <c>kcat</c>): a second, independent Kafka client,
/// so tests can check what is really on a topic rather than what our own consumer code makes of it.
/// </summary>
public static class Kcat
{
    private const string Executable = "kcat";

    /// <summary>Reads up to <paramref name="count"/> records from the beginning of every partition of <paramref name="topic"/>.</summary>
    /// <remarks>
    /// kcat stops at the end of the topic (<c>-e</c>), so fewer records come back when fewer exist; a caller waiting
    /// for records still being produced polls until it has them.
    /// </remarks>
    /// <exception cref="InvalidOperationException">kcat is not installed or failed.</exception>
    /// <exception cref="TimeoutException">kcat did not finish within <paramref name="timeout"/>.</exception>
    public static async Task<IReadOnlyList<KcatRecord>> ConsumeAsync(
        string bootstrap,
        string topic,
        int count,
        TimeSpan timeout,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(bootstrap);
        ArgumentException.ThrowIfNullOrWhiteSpace(topic);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);

        var output = await RunAsync(
            ["-b", bootstrap, "-C", "-t", topic, "-J", "-e", "-q", "-o", "beginning", "-c", count.ToString(CultureInfo.InvariantCulture)],
            timeout,
            cancellationToken);

        var records = new List<KcatRecord>();
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            records.Add(ParseRecord(line));
        }

        return records;
    }

    /// <summary>The cluster's brokers and topics as <c>kcat -L</c> sees them.</summary>
    /// <exception cref="InvalidOperationException">kcat is not installed or failed.</exception>
    /// <exception cref="TimeoutException">kcat did not finish within <paramref name="timeout"/>.</exception>
    public static async Task<KcatMetadata> MetadataAsync(string bootstrap, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(bootstrap);

        var output = await RunAsync(["-b", bootstrap, "-L", "-J"], timeout, cancellationToken);
        using var document = JsonDocument.Parse(output);
        var root = document.RootElement;
        var brokers = root.GetProperty("brokers").EnumerateArray()
            .Select(broker => broker.GetProperty("name").GetString() ?? string.Empty)
            .ToList();
        var topics = root.GetProperty("topics").EnumerateArray().ToDictionary(
            topic => topic.GetProperty("topic").GetString() ?? string.Empty,
            topic => topic.GetProperty("partitions").GetArrayLength(),
            StringComparer.Ordinal);
        return new KcatMetadata(brokers, topics);
    }

    private static async Task<string> RunAsync(string[] arguments, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var executable = ProcessRunner.FindOnPath(Executable)
            ?? throw new InvalidOperationException(
                "kcat is not installed (not found on PATH). Install it with 'apt-get install -y kcat'.");

        var result = await ProcessRunner.RunAsync(executable, arguments, timeout, cancellationToken);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(
                $"kcat {string.Join(' ', arguments)} exited with {result.ExitCode}: {result.StandardError.Trim()}");
        }

        return result.StandardOutput;
    }

    /// <summary>Parses one line of <c>kcat -J</c>: headers come as a flat [name, value, name, value, ...] array.</summary>
    private static KcatRecord ParseRecord(string line)
    {
        using var document = JsonDocument.Parse(line);
        var root = document.RootElement;

        var headers = new List<KeyValuePair<string, string?>>();
        if (root.TryGetProperty("headers", out var headerArray) && headerArray.ValueKind == JsonValueKind.Array)
        {
            var items = headerArray.EnumerateArray().ToList();
            for (var i = 0; i + 1 < items.Count; i += 2)
            {
                headers.Add(new(items[i].GetString() ?? string.Empty, items[i + 1].GetString()));
            }
        }

        DateTimeOffset? timestamp = root.TryGetProperty("ts", out var ts) && ts.ValueKind == JsonValueKind.Number
            ? DateTimeOffset.FromUnixTimeMilliseconds(ts.GetInt64())
            : null;

        return new KcatRecord(
            root.GetProperty("topic").GetString() ?? string.Empty,
            root.GetProperty("partition").GetInt32(),
            root.GetProperty("offset").GetInt64(),
            OptionalString(root, "key"),
            OptionalString(root, "payload"),
            headers,
            timestamp);
    }

    private static string? OptionalString(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
