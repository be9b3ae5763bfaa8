namespace Fulfillment.Deployment.Tests.Yaml;

/// <summary>A scalar, kept as text: the tests compare what the files say, not what a loader would convert it to.</summary>
internal sealed class YamlScalar(string? value, bool quoted, int line) : YamlNode(line)
{
    public string? Value { get; } = value;

    public bool Quoted { get; } = quoted;

    public override string Describe() => Value is null ? "null" : $"scalar '{Value}'";
}
