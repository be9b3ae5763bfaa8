namespace Fulfillment.Deployment.Tests.Yaml;

/// <summary>A node as <see cref="YamlLoader"/> reads it: a mapping, a sequence or a scalar.</summary>
internal abstract class YamlNode
{
    protected YamlNode(int line) => Line = line;

    /// <summary>1-based line of the node in its file, for messages that point at the culprit.</summary>
    public int Line { get; }

    public YamlMapping AsMapping() =>
        this as YamlMapping ?? throw new InvalidOperationException($"Line {Line}: expected a mapping, found {Describe()}.");

    public YamlSequence AsSequence() =>
        this as YamlSequence ?? throw new InvalidOperationException($"Line {Line}: expected a sequence, found {Describe()}.");

    public YamlScalar AsScalar() =>
        this as YamlScalar ?? throw new InvalidOperationException($"Line {Line}: expected a scalar, found {Describe()}.");

    /// <summary>The scalar's text (null for a YAML null).</summary>
    public string? Text => AsScalar().Value;

    public YamlNode this[string key] => AsMapping()[key];

    public abstract string Describe();
}
