using System.Globalization;
using System.Text;

namespace Fulfillment.FaultSuite;

/// <summary>The scenario table of docs/reliability.md, as the suite prints it.</summary>
public static class FaultTable
{
    public static string Markdown(IEnumerable<ScenarioResult> results)
    {
        var table = new StringBuilder()
            .AppendLine("| scenario | fault | load held (accepted/sent at rate) | orders checked | lost | duplicated | in flight at repair | recovery | other violations |")
            .AppendLine("|---|---|---|---|---|---|---|---|---|");
        foreach (var r in results)
        {
            var recovery = r.RecoverySeconds is { } s ? string.Create(CultureInfo.InvariantCulture, $"{s:F1} s") : "not within the drain timeout";
            var other = string.Join("; ", r.Invariants.Violations());
            table.AppendLine(CultureInfo.InvariantCulture,
                $"| {r.Name} | {r.Fault} | {r.Accepted}/{r.Sent} at {r.Rate:N0}/s | {r.Invariants.OrdersChecked} | {r.Invariants.Lost} | {r.Invariants.Duplicated} | {r.InFlightAtRepair} | {recovery} | {(other.Length == 0 ? "none" : other)} |");
        }

        return table.ToString();
    }
}
