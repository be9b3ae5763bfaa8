using System.Globalization;
using Fulfillment.Messages;

namespace Fulfillment.LoadBenchmark;

/// <summary>Turns the requests of a window and the timelines of its accepted orders into a <see cref="LoadResult"/>.</summary>
public static class ResultBuilder
{
    public static LoadResult Build(
        string name, double rate, IReadOnlyList<RequestOutcome> counted, IReadOnlyList<OrderJourney> journeys, IReadOnlyDictionary<string, double> cpu)
    {
        var seconds = counted.Count / rate;
        var accepted = counted.Where(r => r.Accepted).ToList();
        var errors = counted.Where(r => !r.Accepted)
            .GroupBy(r => r.Status == 0 ? "no answer" : r.Status.ToString(CultureInfo.InvariantCulture))
            .ToDictionary(g => g.Key, g => (long)g.Count(), StringComparer.Ordinal);

        var assigned = journeys.Where(j => j.Assigned).ToList();
        var rejected = journeys.Count(j => !j.Assigned && j.Rejected);
        var endToEndPerSecond = 0.0;
        if (assigned.Count > 0)
        {
            var first = counted.Min(r => r.ScheduledAt);
            var last = assigned.Max(j => j.First(EventTypes.DeliveryAssigned)!.RecordedAt);
            endToEndPerSecond = assigned.Count / Math.Max((last - first).TotalSeconds, 1e-3);
        }

        return new LoadResult(
            name, rate, seconds, counted.Count, counted.Count / seconds, accepted.Count, accepted.Count / seconds, errors,
            LatencySummary.Of(counted.Where(r => r.Status != 0).Select(r => r.LatencyMs)),
            LatencySummary.Of(counted.Select(r => r.SendDelayMs)),
            assigned.Count, rejected, journeys.Count - assigned.Count - rejected,
            endToEndPerSecond,
            LatencySummary.Of(assigned.Select(j => j.EndToEndMs!.Value)),
            Hops(journeys),
            IntegrityCheck.Of(journeys),
            cpu);
    }

    private static Dictionary<string, LatencySummary> Hops(IReadOnlyList<OrderJourney> journeys)
    {
        var hops = new Dictionary<string, LatencySummary>(StringComparer.Ordinal)
        {
            ["POST due → order.created"] = LatencySummary.Of(journeys
                .Select(j => j.First(EventTypes.OrderCreated) is { } e ? (e.OccurredAt - j.Request.ScheduledAt).TotalMilliseconds : (double?)null)
                .OfType<double>()),
        };
        foreach (var (from, to) in OrderJourney.Hops.Zip(OrderJourney.Hops.Skip(1)))
        {
            hops[$"{from} → {to}"] = LatencySummary.Of(journeys
                .Select(j => j.First(from) is { } a && j.First(to) is { } b ? (b.OccurredAt - a.OccurredAt).TotalMilliseconds : (double?)null)
                .OfType<double>());
        }

        hops["delivery.assigned → visible in query-api"] = LatencySummary.Of(journeys
            .Select(j => j.First(EventTypes.DeliveryAssigned) is { } e ? (e.RecordedAt - e.OccurredAt).TotalMilliseconds : (double?)null)
            .OfType<double>());
        foreach (var type in OrderJourney.Hops)
        {
            hops[$"outbox relay of {type} (producedAt − occurredAt)"] = LatencySummary.Of(journeys
                .Select(j => j.First(type) is { ProducedAt: { } produced } e ? (produced - e.OccurredAt).TotalMilliseconds : (double?)null)
                .OfType<double>());
        }

        return hops;
    }
}
