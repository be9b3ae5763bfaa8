using System.Text;
using Fulfillment.Deployment.Tests.Support;
using Fulfillment.Deployment.Tests.Yaml;

namespace Fulfillment.Deployment.Tests.Compose;

/// <summary>compose.yaml at the repository root, read with <see cref="YamlLoader"/>.</summary>
internal sealed class ComposeFile
{
    private ComposeFile(YamlMapping root) => Root = root;

    public YamlMapping Root { get; }

    public YamlMapping Services => Root["services"].AsMapping();

    public static ComposeFile Load() => new(YamlLoader.Load(Repository.Read("compose.yaml")).AsMapping());

    public YamlMapping Service(string name) =>
        Services.Find(name)?.AsMapping() ?? throw new InvalidOperationException($"compose.yaml has no service '{name}'.");

    /// <summary>A service's environment as written (variables not substituted), in map or list form.</summary>
    public static IReadOnlyDictionary<string, string?> Environment(YamlMapping service)
    {
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal);
        switch (service.Find("environment"))
        {
            case null:
                break;
            case YamlMapping map:
                foreach (var (name, value) in map.Entries)
                {
                    environment.Add(name, value.Text);
                }

                break;
            case YamlSequence list:
                foreach (var item in list.Items)
                {
                    var text = item.Text ?? string.Empty;
                    var equals = text.IndexOf('=', StringComparison.Ordinal);
                    environment.Add(equals < 0 ? text : text[..equals], equals < 0 ? null : text[(equals + 1)..]);
                }

                break;
            default:
                throw new InvalidOperationException("environment is neither a mapping nor a list.");
        }

        return environment;
    }

    /// <summary>
    /// What Compose makes of <paramref name="value"/> with no variable set: <c>${NAME:-default}</c> and
    /// <c>${NAME-default}</c> give the default, <c>${NAME}</c> and <c>$NAME</c> nothing, <c>$$</c> a dollar.
    /// </summary>
    public static string Interpolate(string value)
    {
        var result = new StringBuilder();
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] != '$' || i == value.Length - 1)
            {
                result.Append(value[i]);
                continue;
            }

            var next = value[i + 1];
            if (next == '$')
            {
                result.Append('$');
                i++;
            }
            else if (next == '{')
            {
                var end = value.IndexOf('}', i);
                if (end < 0)
                {
                    throw new FormatException($"Unterminated ${{ in '{value}'.");
                }

                var expression = value[(i + 2)..end];
                var dash = expression.IndexOf('-', StringComparison.Ordinal);
                if (dash >= 0)
                {
                    result.Append(expression[(dash + 1)..]);
                }

                i = end;
            }
            else if (char.IsAsciiLetter(next) || next == '_')
            {
                i++;
                while (i + 1 < value.Length && (char.IsAsciiLetterOrDigit(value[i + 1]) || value[i + 1] == '_'))
                {
                    i++;
                }
            }
            else
            {
                result.Append('$');
            }
        }

        return result.ToString();
    }
}
