namespace Fulfillment.Deployment.Tests.Yaml;

internal sealed class YamlSequence(IReadOnlyList<YamlNode> items, int line) : YamlNode(line)
{
    public IReadOnlyList<YamlNode> Items { get; } = items;

    public override string Describe() => $"a sequence of {Items.Count}";
}
