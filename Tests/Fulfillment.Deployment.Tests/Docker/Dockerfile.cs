namespace Fulfillment.Deployment.Tests.Docker;

/// <summary>deploy/docker/Dockerfile as instructions (continuation lines joined, comments dropped), split by stage.</summary>
internal sealed class Dockerfile
{
    public const string Path = "deploy/docker/Dockerfile";

    private Dockerfile(IReadOnlyList<(string Stage, string Instruction, string Arguments)> instructions) => Instructions = instructions;

    public IReadOnlyList<(string Stage, string Instruction, string Arguments)> Instructions { get; }

    public static Dockerfile Parse(string text)
    {
        var instructions = new List<(string, string, string)>();
        var stage = string.Empty;
        var pending = string.Empty;
        foreach (var raw in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            var line = raw.Trim();
            if (line.StartsWith('#') || (line.Length == 0 && pending.Length == 0))
            {
                continue;
            }

            if (line.EndsWith('\\'))
            {
                pending += line[..^1] + " ";
                continue;
            }

            line = (pending + line).Trim();
            pending = string.Empty;
            if (line.Length == 0)
            {
                continue;
            }

            var space = line.IndexOf(' ', StringComparison.Ordinal);
            var instruction = (space < 0 ? line : line[..space]).ToUpperInvariant();
            var arguments = space < 0 ? string.Empty : line[(space + 1)..].Trim();
            if (instruction == "FROM")
            {
                var parts = arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                stage = parts.Length >= 3 && parts[^2].Equals("AS", StringComparison.OrdinalIgnoreCase) ? parts[^1] : parts[0];
            }

            instructions.Add((stage, instruction, arguments));
        }

        return new Dockerfile(instructions);
    }

    public static Dockerfile Load() => Parse(Support.Repository.Read(Path));

    public IEnumerable<string> Arguments(string stage, string instruction) =>
        Instructions.Where(i => i.Stage == stage && i.Instruction == instruction).Select(i => i.Arguments);

    /// <summary>Sources and destination of each COPY of <paramref name="stage"/> (flags such as --from dropped).</summary>
    public IEnumerable<(IReadOnlyList<string> Sources, string Destination, bool FromStage)> Copies(string stage) =>
        Arguments(stage, "COPY").Select(arguments =>
        {
            var words = arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var fromStage = words.Any(w => w.StartsWith("--from=", StringComparison.Ordinal));
            var paths = words.Where(w => !w.StartsWith("--", StringComparison.Ordinal)).ToList();
            return ((IReadOnlyList<string>)paths[..^1], paths[^1], fromStage);
        });

    /// <summary>The default of an ARG in <paramref name="stage"/>.</summary>
    public string? ArgDefault(string stage, string name) =>
        Arguments(stage, "ARG")
            .Select(a => a.Split('=', 2))
            .Where(parts => parts[0] == name)
            .Select(parts => parts.Length == 2 ? parts[1] : null)
            .SingleOrDefault();
}
