using System.Globalization;
using System.Text;

namespace Fulfillment.Deployment.Tests.Yaml;

/// <summary>
/// A reader for the block-style YAML our compose and Kubernetes files are written in, so these tests need no YAML
/// package and no tool (a fresh machine has neither). It understands block mappings and sequences, plain, quoted and
/// block (<c>|</c>, <c>&gt;</c>) scalars, one-line flow sequences of scalars, <c>{}</c>/<c>[]</c>, comments, several
/// documents, anchors, aliases and the <c>&lt;&lt;</c> merge key. Anything else (tags, complex keys, multi-line plain or
/// flow scalars) throws <see cref="FormatException"/> with the line: a file this reader cannot follow fails a test
/// instead of being half-read.
/// </summary>
internal sealed class MiniYaml
{
    private readonly List<Line> _lines;
    private readonly Dictionary<string, YamlNode> _anchors = new(StringComparer.Ordinal);
    private int _next;

    private MiniYaml(List<Line> lines) => _lines = lines;

    /// <summary>Every non-empty document of <paramref name="text"/>, in order.</summary>
    public static IReadOnlyList<YamlNode> LoadAll(string text)
    {
        var documents = new List<YamlNode>();
        var current = new List<Line>();
        var number = 0;
        foreach (var raw in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            number++;
            if (raw.StartsWith("---", StringComparison.Ordinal) && (raw.Length == 3 || StripComment(raw[3..]).Trim().Length == 0))
            {
                Flush();
                continue;
            }

            if (raw == "...")
            {
                Flush();
                continue;
            }

            if (raw.TrimStart(' ').StartsWith('\t'))
            {
                throw new FormatException($"Line {number}: tab indentation.");
            }

            current.Add(new Line(number, raw));
        }

        Flush();
        return documents;

        void Flush()
        {
            if (current.Any(l => !l.IsBlank))
            {
                documents.Add(new MiniYaml(current).ParseDocument());
            }

            current = [];
        }
    }

    /// <summary>The single document of <paramref name="text"/>.</summary>
    public static YamlNode Load(string text)
    {
        var documents = LoadAll(text);
        return documents.Count == 1
            ? documents[0]
            : throw new FormatException($"Expected one YAML document, found {documents.Count}.");
    }

    private YamlNode ParseDocument()
    {
        SkipBlank();
        var root = ParseBlock(0);
        SkipBlank();
        if (_next < _lines.Count)
        {
            throw Error(_lines[_next], "content after the end of the document (bad indentation?)");
        }

        return root;
    }

    private YamlNode ParseBlock(int minIndent)
    {
        SkipBlank();
        if (_next >= _lines.Count || _lines[_next].Indent < minIndent)
        {
            return new YamlScalar(null, false, _next < _lines.Count ? _lines[_next].Number : 0);
        }

        var line = _lines[_next];
        if (line.IsSequenceItem)
        {
            return ParseSequence(line.Indent);
        }

        if (FindKeySeparator(line.Content, line.Number) >= 0)
        {
            return ParseMapping(line.Indent);
        }

        throw Error(line, "a plain scalar spanning lines, or a value where a key was expected");
    }

    private YamlMapping ParseMapping(int indent)
    {
        var entries = new OrderedDictionary<string, YamlNode>(StringComparer.Ordinal);
        var merges = new List<YamlMapping>();
        var first = _lines[_next].Number;
        while (true)
        {
            SkipBlank();
            if (_next >= _lines.Count || _lines[_next].Indent < indent)
            {
                break;
            }

            var line = _lines[_next];
            if (line.Indent > indent)
            {
                throw Error(line, "unexpected indentation");
            }

            if (line.IsSequenceItem)
            {
                break;
            }

            var separator = FindKeySeparator(line.Content, line.Number);
            if (separator < 0)
            {
                throw Error(line, "expected 'key: value'");
            }

            var key = ParseKey(line.Content[..separator].Trim(), line);
            var rest = line.Content[(separator + 1)..].Trim();
            _next++;
            var value = ParseValue(rest, indent, line, allowCompactSequence: true);
            if (key == "<<")
            {
                merges.Add(value.AsMapping());
                continue;
            }

            if (!entries.TryAdd(key, value))
            {
                throw Error(line, $"duplicate key '{key}'");
            }
        }

        // Keys written in the mapping win over merged ones, wherever the merge key stands.
        foreach (var merged in merges)
        {
            foreach (var (key, value) in merged.Entries)
            {
                entries.TryAdd(key, value);
            }
        }

        return new YamlMapping(entries, first);
    }

    private YamlSequence ParseSequence(int indent)
    {
        var items = new List<YamlNode>();
        var first = _lines[_next].Number;
        while (true)
        {
            SkipBlank();
            if (_next >= _lines.Count || _lines[_next].Indent != indent || !_lines[_next].IsSequenceItem)
            {
                if (_next < _lines.Count && _lines[_next].Indent > indent)
                {
                    throw Error(_lines[_next], "unexpected indentation");
                }

                break;
            }

            var line = _lines[_next];
            var afterDash = line.Content.Length > 1 ? line.Content[1..] : string.Empty;
            var rest = afterDash.TrimStart(' ');
            if (rest.Length > 0 && !rest.StartsWith('#') && FindKeySeparator(rest, line.Number) >= 0 && !StartsFlowOrQuote(rest))
            {
                // "- key: value": a mapping whose first entry shares the dash's line, at the column after the dash.
                line.Reindent(line.Indent + 1 + (afterDash.Length - rest.Length), rest);
                items.Add(ParseMapping(line.Indent));
                continue;
            }

            _next++;
            items.Add(ParseValue(rest, indent, line, allowCompactSequence: false));
        }

        return new YamlSequence(items, first);
    }

    /// <summary>The value after "key:" or "- ": inline on <paramref name="line"/>, or a block on the lines below.</summary>
    private YamlNode ParseValue(string rest, int parentIndent, Line line, bool allowCompactSequence)
    {
        string? anchor = null;
        if (rest.StartsWith('&'))
        {
            var end = rest.IndexOf(' ', StringComparison.Ordinal);
            anchor = end < 0 ? rest[1..] : rest[1..end];
            rest = end < 0 ? string.Empty : rest[end..].Trim();
        }

        YamlNode value;
        if (rest.StartsWith('*'))
        {
            var name = rest[1..];
            value = _anchors.TryGetValue(name, out var aliased) ? aliased : throw Error(line, $"unknown alias '*{name}'");
        }
        else if (rest.Length == 0)
        {
            SkipBlank();
            var below = _next < _lines.Count ? _lines[_next] : null;
            value = below switch
            {
                not null when below.Indent > parentIndent => ParseBlock(below.Indent),
                // "key:" then "- item" at the key's own column: a compact sequence, as kubectl writes them.
                not null when allowCompactSequence && below.Indent == parentIndent && below.IsSequenceItem => ParseSequence(parentIndent),
                _ => new YamlScalar(null, false, line.Number),
            };
        }
        else if (rest[0] is '|' or '>')
        {
            value = ParseBlockScalar(rest, parentIndent, line);
        }
        else
        {
            value = ParseInline(rest, line);
        }

        if (anchor is not null)
        {
            _anchors[anchor] = value;
        }

        return value;
    }

    private YamlScalar ParseBlockScalar(string header, int parentIndent, Line line)
    {
        var folded = header[0] == '>';
        var chomping = header.Length > 1 ? header[1] : ' ';
        if (header.Length > 2 || chomping is not (' ' or '-' or '+'))
        {
            throw Error(line, $"block scalar header '{header}' (indentation indicators are not supported)");
        }

        var raw = new List<string>();
        int? blockIndent = null;
        while (_next < _lines.Count)
        {
            var candidate = _lines[_next];
            if (candidate.RawIsBlank)
            {
                raw.Add(string.Empty);
                _next++;
                continue;
            }

            var indent = candidate.Raw.Length - candidate.Raw.TrimStart(' ').Length;
            if (indent <= parentIndent)
            {
                break;
            }

            blockIndent ??= indent;
            if (indent < blockIndent)
            {
                break;
            }

            raw.Add(candidate.Raw[blockIndent.Value..]);
            _next++;
        }

        // Trailing blank lines belong to chomping, not to the content.
        var trailing = 0;
        while (raw.Count > 0 && raw[^1].Length == 0)
        {
            raw.RemoveAt(raw.Count - 1);
            trailing++;
        }

        var text = folded ? Fold(raw) : string.Join('\n', raw);
        text = chomping switch
        {
            '-' => text,
            '+' => text + new string('\n', trailing + (raw.Count > 0 ? 1 : 0)),
            _ => raw.Count > 0 ? text + "\n" : text,
        };
        return new YamlScalar(text, true, line.Number);
    }

    /// <summary>Folding: a line break between two text lines becomes a space, each blank line a line break.</summary>
    private static string Fold(List<string> lines)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < lines.Count; i++)
        {
            var current = lines[i];
            if (i > 0)
            {
                var previous = lines[i - 1];
                if (current.Length == 0)
                {
                    builder.Append('\n');
                }
                else if (previous.Length > 0)
                {
                    // More-indented lines keep their line breaks.
                    builder.Append(current.StartsWith(' ') || previous.StartsWith(' ') ? '\n' : ' ');
                }
            }

            builder.Append(current);
        }

        return builder.ToString();
    }

    private static YamlNode ParseInline(string text, Line line)
    {
        if (text[0] == '[')
        {
            return ParseFlowSequence(text, line);
        }

        if (text[0] == '{')
        {
            return text == "{}"
                ? new YamlMapping(new OrderedDictionary<string, YamlNode>(StringComparer.Ordinal), line.Number)
                : throw Error(line, "flow mappings with content");
        }

        return ParseScalar(text, line);
    }

    private static YamlSequence ParseFlowSequence(string text, Line line)
    {
        if (!text.EndsWith(']'))
        {
            throw Error(line, "a flow sequence spanning lines");
        }

        var items = new List<YamlNode>();
        var body = text[1..^1].Trim();
        var start = 0;
        var quote = '\0';
        for (var i = 0; i <= body.Length; i++)
        {
            var c = i < body.Length ? body[i] : ',';
            if (quote != '\0')
            {
                if (c == quote && quote == '\'' && i + 1 < body.Length && body[i + 1] == '\'')
                {
                    i++;
                }
                else if (c == quote && !(quote == '"' && IsEscaped(body, i)))
                {
                    quote = '\0';
                }

                continue;
            }

            if (c is '"' or '\'')
            {
                quote = c;
            }
            else if (c is '[' or '{')
            {
                throw Error(line, "nested flow collections");
            }
            else if (c == ',')
            {
                var item = body[start..Math.Min(i, body.Length)].Trim();
                start = i + 1;
                if (item.Length == 0)
                {
                    if (i < body.Length || items.Count > 0 || body.Length > 0)
                    {
                        throw Error(line, "an empty flow sequence entry");
                    }

                    continue;
                }

                items.Add(ParseScalar(item, line));
            }
        }

        if (quote != '\0')
        {
            throw Error(line, "an unterminated quoted scalar");
        }

        return new YamlSequence(items, line.Number);
    }

    /// <summary>Whether the character at <paramref name="index"/> follows an odd run of backslashes.</summary>
    private static bool IsEscaped(string text, int index)
    {
        var count = 0;
        for (var i = index - 1; i >= 0 && text[i] == '\\'; i--)
        {
            count++;
        }

        return count % 2 == 1;
    }

    private static YamlScalar ParseScalar(string text, Line line)
    {
        if (text[0] == '"')
        {
            return new YamlScalar(UnquoteDouble(text, line), true, line.Number);
        }

        if (text[0] == '\'')
        {
            if (text.Length < 2 || !text.EndsWith('\''))
            {
                throw Error(line, "an unterminated quoted scalar");
            }

            return new YamlScalar(text[1..^1].Replace("''", "'", StringComparison.Ordinal), true, line.Number);
        }

        if (text[0] is '!' or '%' or '@' or '`' or '?' or '&' or '*')
        {
            throw Error(line, $"'{text[0]}' (tags, directives, complex keys or reserved indicators)");
        }

        return text is "~" or "null" or "Null" or "NULL"
            ? new YamlScalar(null, false, line.Number)
            : new YamlScalar(text, false, line.Number);
    }

    private static string UnquoteDouble(string text, Line line)
    {
        var builder = new StringBuilder();
        for (var i = 1; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '"')
            {
                return i == text.Length - 1 ? builder.ToString() : throw Error(line, "text after a quoted scalar");
            }

            if (c != '\\')
            {
                builder.Append(c);
                continue;
            }

            i++;
            if (i >= text.Length)
            {
                break;
            }

            builder.Append(text[i] switch
            {
                'n' => '\n',
                't' => '\t',
                '"' => '"',
                '\\' => '\\',
                '/' => '/',
                '0' => '\0',
                _ => throw Error(line, $"escape '\\{text[i]}'"),
            });
        }

        throw Error(line, "an unterminated quoted scalar");
    }

    private static string ParseKey(string key, Line line)
    {
        if (key.Length == 0)
        {
            throw Error(line, "an empty key");
        }

        return key[0] is '"' or '\'' ? ParseScalar(key, line).Value ?? string.Empty : key;
    }

    private static bool StartsFlowOrQuote(string text) => text[0] is '[' or '{' or '"' or '\'' && FindKeySeparator(text, 0) < 0;

    /// <summary>Index of the ':' ending a key (followed by a space or the end), outside quotes and flow brackets; -1 if none.</summary>
    private static int FindKeySeparator(string content, int number)
    {
        var i = 0;
        if (content.Length > 0 && content[0] is '"' or '\'')
        {
            var quote = content[0];
            i = 1;
            while (true)
            {
                if (i >= content.Length)
                {
                    throw new FormatException($"Line {number}: an unterminated quoted scalar.");
                }

                if (content[i] == quote)
                {
                    if (quote == '\'' && i + 1 < content.Length && content[i + 1] == '\'')
                    {
                        i += 2;
                        continue;
                    }

                    if (quote == '"' && IsEscaped(content, i))
                    {
                        i++;
                        continue;
                    }

                    break;
                }

                i++;
            }

            i++;
            var after = content[i..].TrimStart(' ');
            return after.StartsWith(':') && (after.Length == 1 || after[1] == ' ')
                ? content.Length - after.Length
                : -1;
        }

        if (content.Length > 0 && content[0] is '[' or '{')
        {
            return -1;
        }

        for (; i < content.Length; i++)
        {
            if (content[i] == ':' && (i == content.Length - 1 || content[i + 1] == ' '))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The line without its comment: '#' at the start or after a space, outside quotes.</summary>
    private static string StripComment(string raw)
    {
        var quote = '\0';
        for (var i = 0; i < raw.Length; i++)
        {
            var c = raw[i];
            if (quote != '\0')
            {
                if (c == quote && quote == '\'' && i + 1 < raw.Length && raw[i + 1] == '\'')
                {
                    i++;
                }
                else if (c == quote && (quote == '\'' || !IsEscaped(raw, i)))
                {
                    quote = '\0';
                }

                continue;
            }

            if (c is '"' or '\'' && (i == 0 || raw[i - 1] is ' ' or '[' or ',' or '{' or ':' or '-'))
            {
                quote = c;
            }
            else if (c == '#' && (i == 0 || raw[i - 1] == ' '))
            {
                return raw[..i].TrimEnd();
            }
        }

        return raw.TrimEnd();
    }

    private void SkipBlank()
    {
        while (_next < _lines.Count && _lines[_next].IsBlank)
        {
            _next++;
        }
    }

    private static FormatException Error(Line line, string what) =>
        new(string.Create(CultureInfo.InvariantCulture, $"Line {line.Number}: {what} is not supported by this reader: '{line.Raw.Trim()}'."));

    /// <summary>One physical line: its indentation and its content without the comment.</summary>
    private sealed class Line
    {
        public Line(int number, string raw)
        {
            Number = number;
            Raw = raw;
            var content = StripComment(raw);
            Indent = content.Length - content.TrimStart(' ').Length;
            Content = content.Trim();
        }

        public int Number { get; }

        public string Raw { get; }

        public int Indent { get; private set; }

        public string Content { get; private set; }

        public bool IsBlank => Content.Length == 0;

        public bool RawIsBlank => Raw.Trim().Length == 0;

        public bool IsSequenceItem => Content == "-" || Content.StartsWith("- ", StringComparison.Ordinal);

        public void Reindent(int indent, string content)
        {
            Indent = indent;
            Content = content;
        }
    }
}
