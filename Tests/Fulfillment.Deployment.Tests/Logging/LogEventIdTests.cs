using System.Globalization;
using System.Text.RegularExpressions;
using Fulfillment.Deployment.Tests.Support;
using NUnit.Framework;

namespace Fulfillment.Deployment.Tests.Logging;

/// <summary>
/// Each project's <c>[LoggerMessage]</c> event ids lie in its own range (docs/architecture.md, "Log event ids"), so
/// an id in an aggregated log names the project that wrote it, and no two log messages share an id.
/// </summary>
public sealed partial class LogEventIdTests
{
    private static readonly Dictionary<string, (int From, int To)> Ranges = new()
    {
        ["Services/Fulfillment.Messaging"] = (1000, 1999),
        ["Services/Fulfillment.InventoryService"] = (2000, 2999),
        ["Services/Fulfillment.PaymentService"] = (3000, 3999),
        ["Services/Fulfillment.DeliveryService"] = (4000, 4999),
        ["Services/Fulfillment.OrderService"] = (5000, 5999),
        ["Services/Fulfillment.QueryApi"] = (6000, 6999),
        ["Sagas"] = (7000, 7999),
        ["Services/Fulfillment.InvoiceService"] = (8000, 8999),
        ["Services/Fulfillment.NotificationService"] = (9000, 9999),
    };

    [Test]
    public void Every_log_event_id_is_in_its_projects_range_and_used_once()
    {
        var declared = LogEventIds().ToList();
        Assert.That(declared, Is.Not.Empty, "no [LoggerMessage] found: the scan is broken");

        Assert.Multiple(() =>
        {
            foreach (var (file, id) in declared)
            {
                var project = Ranges.Keys.FirstOrDefault(root => file.StartsWith(root + "/", StringComparison.Ordinal));
                if (project is null)
                {
                    continue; // Development-only projects (the embedded broker) log without ids.
                }

                var (from, to) = Ranges[project];
                Assert.That(id, Is.InRange(from, to), $"{file}: event id {id} outside {project}'s {from}–{to}");
            }

            var reused = declared.GroupBy(d => d.Id).Where(g => g.Count() > 1)
                .Select(g => $"{g.Key}: {string.Join(", ", g.Select(d => d.File))}");
            Assert.That(reused, Is.Empty, "event ids declared more than once");
        });
    }

    /// <summary>
    /// Microsoft.Extensions.Logging gives every entry an <c>EventId</c> property (the log event's own id): a template
    /// placeholder of that name shows it, not the Kafka event the message is about (it printed <c>{"Id": 5006, ...}</c>
    /// where an order's event id was meant).
    /// </summary>
    [Test]
    public void No_log_message_names_a_placeholder_EventId()
    {
        var offending = new[] { "Services", "Sagas" }
            .SelectMany(relative => Repository.SourceFiles(Repository.PathOf(relative), "*.cs"))
            .SelectMany(path => LoggerMessageTemplate().Matches(File.ReadAllText(path))
                .Where(match => match.Value.Contains("{EventId}", StringComparison.OrdinalIgnoreCase))
                .Select(match => $"{Repository.Relative(path)}: {match.Value}"))
            .ToList();

        Assert.That(offending, Is.Empty);
    }

    private static IEnumerable<(string File, int Id)> LogEventIds() =>
        new[] { "Services", "Sagas" }
            .SelectMany(relative => Repository.SourceFiles(Repository.PathOf(relative), "*.cs"))
            .SelectMany(path => LoggerMessageId().Matches(File.ReadAllText(path))
                .Select(match => (Repository.Relative(path), int.Parse(match.Groups["id"].Value, CultureInfo.InvariantCulture))));

    [GeneratedRegex(@"\[LoggerMessage\((?:EventId\s*=\s*)?(?<id>\d+)")]
    private static partial Regex LoggerMessageId();

    /// <summary>A <c>[LoggerMessage(...)]</c> attribute over one or more lines, its quoted template whole (brackets in it included).</summary>
    [GeneratedRegex(@"\[LoggerMessage\((?:""(?:[^""\\]|\\.)*""|[^""()])*\)\]")]
    private static partial Regex LoggerMessageTemplate();
}
