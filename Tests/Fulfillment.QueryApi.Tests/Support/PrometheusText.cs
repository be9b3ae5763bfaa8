using System.Globalization;

namespace Fulfillment.QueryApi.Tests.Support;

/// <summary>
/// The samples of a Prometheus text exposition (<c>name{label="value",...} number</c> per line), enough to find a
/// series by name and labels. Label values in this project never contain commas or escaped quotes.
/// </summary>
public sealed class PrometheusText(IReadOnlyList<PrometheusSample> samples)
{
    public IReadOnlyList<PrometheusSample> Samples { get; } = samples;

    public static PrometheusText Parse(string text)
    {
        var samples = new List<PrometheusSample>();
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (line.StartsWith('#'))
            {
                continue;
            }

            var brace = line.IndexOf('{', StringComparison.Ordinal);
            var space = line.LastIndexOf('}') is var close and >= 0 ? line.IndexOf(' ', close) : line.IndexOf(' ', StringComparison.Ordinal);
            var name = line[..(brace >= 0 && brace < space ? brace : space)];
            var labels = brace >= 0 && brace < space
                ? line[(brace + 1)..line.LastIndexOf('}')]
                    .Split(',', StringSplitOptions.RemoveEmptyEntries)
                    .Select(pair => pair.Split('=', 2))
                    .ToDictionary(pair => pair[0], pair => pair[1].Trim('"'), StringComparer.Ordinal)
                : [];
            var value = line[(space + 1)..].Split(' ')[0];
            samples.Add(new PrometheusSample(name, labels, double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture)));
        }

        return new PrometheusText(samples);
    }

    /// <summary>The series called <paramref name="name"/> whose labels include every given one.</summary>
    public IEnumerable<PrometheusSample> Series(string name, params (string Label, string Value)[] labels) =>
        Samples.Where(s => s.Name == name && labels.All(l => s.Labels.TryGetValue(l.Label, out var v) && v == l.Value));

    public double Sum(string name, params (string Label, string Value)[] labels) => Series(name, labels).Sum(s => s.Value);

    public bool Has(string name) => Samples.Any(s => s.Name == name);

    public override string ToString() => $"{Samples.Count} samples";
}
