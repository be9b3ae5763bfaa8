namespace Fulfillment.Deployment.Tests.Yaml;

internal sealed class YamlMapping(OrderedDictionary<string, YamlNode> entries, int line) : YamlNode(line)
{
    public IReadOnlyDictionary<string, YamlNode> Entries => entries;

    public IEnumerable<string> Keys => entries.Keys;

    public new YamlNode this[string key] =>
        entries.TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"Line {Line}: no key '{key}' in this mapping.");

    public YamlNode? Find(string key) => entries.GetValueOrDefault(key);

    public bool Has(string key) => entries.ContainsKey(key);

    public override string Describe() => $"a mapping of {entries.Count}";
}
