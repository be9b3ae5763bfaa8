using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Fulfillment.LoadBenchmark;

/// <summary>Fetches each accepted order once from query-api (GET /api/orders/{orderId}), in parallel, bounded.</summary>
public sealed class TimelineCollector(HttpClient query)
{
    private const int Parallelism = 16;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<IReadOnlyList<OrderJourney>> CollectAsync(IEnumerable<RequestOutcome> accepted, CancellationToken cancellationToken)
    {
        var requests = accepted.ToList();
        var journeys = new OrderJourney[requests.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, requests.Count),
            new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
            async (i, token) => journeys[i] = new OrderJourney(requests[i], await FetchAsync(requests[i].OrderId!, token)));
        return journeys;
    }

    private async Task<OrderView?> FetchAsync(string orderId, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await query.GetAsync(new Uri("/api/orders/" + Uri.EscapeDataString(orderId), UriKind.Relative), cancellationToken);
            return response.StatusCode == HttpStatusCode.OK
                ? await response.Content.ReadFromJsonAsync<OrderView>(Json, cancellationToken)
                : null;
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }
}
