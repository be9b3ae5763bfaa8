using System.Text.Json;
using System.Text.RegularExpressions;
using Fulfillment.Messages;
using NUnit.Framework;

namespace Fulfillment.Messaging.Tests.Unit;

/// <summary>Keeps docs/event-contracts.md true: each payload's section lists exactly the record's JSON fields.</summary>
public sealed partial class EventContractsDocTests
{
    private static readonly Type[] SharedShapes = [typeof(OrderLine), typeof(StockLine), typeof(StockShortage), typeof(GeoPoint)];

    private static IEnumerable<TestCaseData> Sections() =>
        EventRegistry.All.Select(d => new TestCaseData($"`{d.EventType}` — `{d.PayloadType.Name}` on `{d.Topic}`", d.PayloadType)
            .SetArgDisplayNames(d.EventType))
        .Concat(SharedShapes.Select(t => new TestCaseData($"`{t.Name}`", t).SetArgDisplayNames(t.Name)));

    [TestCaseSource(nameof(Sections))]
    public void The_documented_fields_are_the_contract_fields(string heading, Type payload)
    {
        var documented = DocumentedFields(heading);
        var actual = payload.GetConstructors().Single().GetParameters()
            .Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name!));

        Assert.That(documented, Is.EqualTo(actual), $"docs/event-contracts.md section {heading}");
    }

    private static List<string> DocumentedFields(string heading)
    {
        var lines = File.ReadAllLines(Path.Combine(RepositoryRoot(), "docs", "event-contracts.md"));
        var start = Array.FindIndex(lines, l => l == $"### {heading}");
        Assert.That(start, Is.GreaterThanOrEqualTo(0), $"no section '### {heading}'");
        return lines.Skip(start + 3)
            .TakeWhile(l => l.StartsWith('|'))
            .Select(l => FieldCell().Match(l))
            .Where(m => m.Success)
            .Select(m => m.Groups[1].Value)
            .ToList();
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Fulfillment.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Fulfillment.sln not found above the test directory.");
    }

    [GeneratedRegex(@"^\| `([A-Za-z]+)` \|")]
    private static partial Regex FieldCell();
}
