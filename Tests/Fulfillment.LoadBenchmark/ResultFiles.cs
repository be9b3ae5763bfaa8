using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Fulfillment.LoadBenchmark;

/// <summary>The machine-readable results in the run's folder: <c>result.json</c> (everything) and <c>backlog.csv</c> (the samples).</summary>
public static class ResultFiles
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>Any report as <c>result.json</c> (the per-service benchmark writes only this).</summary>
    public static void WriteJson<T>(string directory, T report)
    {
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "result.json"), JsonSerializer.Serialize(report, Json));
    }

    public static void Write(string directory, BenchmarkReport report)
    {
        WriteJson(directory, report);

        var csv = new StringBuilder("seconds,phase,accepted,assigned,rejected,outstanding,");
        csv.Append(string.Join(",", KafkaLagProbe.Groups.Select(g => "lag_" + g.GroupId)));
        var services = report.Samples.SelectMany(s => s.Outbox.Keys).Distinct().Order(StringComparer.Ordinal).ToList();
        csv.Append(',').Append(string.Join(",", services.Select(s => "outbox_" + s))).AppendLine(",dead_letters");
        foreach (var s in report.Samples)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{s.Seconds:F1},{s.Phase},{s.Accepted},{s.Assigned},{s.Rejected},{s.Outstanding},");
            csv.Append(string.Join(",", KafkaLagProbe.Groups.Select(g => s.Lag.TryGetValue(g.GroupId, out var v) ? v.ToString(CultureInfo.InvariantCulture) : "")));
            csv.Append(',').Append(string.Join(",", services.Select(x => s.Outbox.TryGetValue(x, out var v) ? v.ToString(CultureInfo.InvariantCulture) : "")));
            csv.Append(CultureInfo.InvariantCulture, $",{s.DeadLetters}").AppendLine();
        }

        File.WriteAllText(Path.Combine(directory, "backlog.csv"), csv.ToString());
    }
}
