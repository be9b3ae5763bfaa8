using YamlDotNet.Core;
using Model = YamlDotNet.RepresentationModel;

namespace Fulfillment.Deployment.Tests.Yaml;

/// <summary>
/// Reads compose and Kubernetes YAML with YamlDotNet into <see cref="YamlNode"/>s: mappings, sequences and scalars
/// kept as text (the tests compare what the files say, not what a loader would convert it to), aliases resolved and
/// the <c>&lt;&lt;</c> merge key applied as Compose applies it (keys written in the mapping win). A file YamlDotNet
/// cannot read, or with a key written twice, throws <see cref="FormatException"/> with the line.
/// </summary>
internal static class YamlLoader
{
    private const string MergeKey = "<<";

    /// <summary>Every non-empty document of <paramref name="text"/>, in order.</summary>
    public static IReadOnlyList<YamlNode> LoadAll(string text)
    {
        var stream = new Model.YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException ex)
        {
            throw new FormatException($"Line {ex.Start.Line}: {ex.Message}", ex);
        }

        return [.. stream.Documents.Where(d => d.RootNode is not Model.YamlScalarNode { Value: null or "" }).Select(d => Convert(d.RootNode))];
    }

    /// <summary>The single document of <paramref name="text"/>.</summary>
    public static YamlNode Load(string text)
    {
        var documents = LoadAll(text);
        return documents.Count == 1
            ? documents[0]
            : throw new FormatException($"Expected one YAML document, found {documents.Count}.");
    }

    private static YamlNode Convert(Model.YamlNode node) =>
        node switch
        {
            Model.YamlScalarNode scalar => new YamlScalar(
                IsNull(scalar) ? null : scalar.Value,
                scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted,
                Line(scalar)),
            Model.YamlSequenceNode sequence => new YamlSequence([.. sequence.Children.Select(Convert)], Line(sequence)),
            Model.YamlMappingNode mapping => ConvertMapping(mapping),
            _ => throw new FormatException($"Line {Line(node)}: unsupported node {node.NodeType}."),
        };

    private static YamlMapping ConvertMapping(Model.YamlMappingNode mapping)
    {
        var entries = new OrderedDictionary<string, YamlNode>(StringComparer.Ordinal);
        var merges = new List<YamlMapping>();
        foreach (var (keyNode, valueNode) in mapping.Children)
        {
            var key = keyNode is Model.YamlScalarNode { Value: { } text }
                ? text
                : throw new FormatException($"Line {Line(keyNode)}: a key that is not a scalar.");
            var value = Convert(valueNode);
            if (key == MergeKey && keyNode is Model.YamlScalarNode { Style: ScalarStyle.Plain })
            {
                merges.AddRange(value is YamlSequence list ? list.Items.Select(item => item.AsMapping()) : [value.AsMapping()]);
            }
            else if (!entries.TryAdd(key, value))
            {
                throw new FormatException($"Line {Line(keyNode)}: duplicate key '{key}'.");
            }
        }

        // Keys written in the mapping win over merged ones, wherever the merge key stands; earlier merges win over later.
        foreach (var (key, value) in merges.SelectMany(merged => merged.Entries))
        {
            entries.TryAdd(key, value);
        }

        return new YamlMapping(entries, Line(mapping));
    }

    /// <summary>YAML's null: a plain <c>~</c>, <c>null</c> or nothing at all (quoted, any of these is text).</summary>
    private static bool IsNull(Model.YamlScalarNode scalar) =>
        scalar.Style is ScalarStyle.Plain or ScalarStyle.Any && scalar.Value is null or "" or "~" or "null" or "Null" or "NULL";

    private static int Line(Model.YamlNode node) => (int)node.Start.Line;
}
