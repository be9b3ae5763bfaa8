using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text;
using Confluent.Kafka;
using Fulfillment.Messages;
using Fulfillment.Testing;
using Fulfillment.Testing.Processes;

namespace Fulfillment.FaultSuite;

/// <summary>The catalogue of faults, by name (<c>--faults</c> / <c>FAULTS_SCENARIOS</c>): see docs/reliability.md.</summary>
public static class FaultScenarios
{
    /// <summary>How long a killed service, PostgreSQL or the broker stays down before the repair.</summary>
    public static TimeSpan Downtime { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Kafka error codes used: all retriable, as a real broker returns them during trouble.</summary>
    private const int NotEnoughReplicas = 19;
    private const int RequestTimedOut = 7;
    private const int RebalanceInProgress = 27;
    private const int ErrorCount = 30;

    /// <summary>How long the cancellations scenario keeps cancelling (under the load, which goes on around it).</summary>
    public static TimeSpan CancellationWindow { get; set; } = TimeSpan.FromSeconds(8);

    private static readonly IReadOnlyList<ServiceSpec> Consuming =
        [ServiceSpec.InventoryService, ServiceSpec.PaymentService, ServiceSpec.DeliveryService, ServiceSpec.QueryApi];

    public static IReadOnlyList<FaultScenario> All { get; } =
    [
        .. Consuming.Select(s => new FaultScenario($"kill9-{Short(s)}", $"kill -9 {s.Name}, restart after the downtime", (c, t) => KillAsync(c, s, t))),
        .. ServiceSpec.All.Select(s => new FaultScenario($"sigterm-{Short(s)}", $"SIGTERM {s.Name} mid-batch, restart at once", (c, t) => TerminateAsync(c, s, t))),
        new("postgres-restart", "pg_ctl stop -m immediate, start after the downtime (same data, same port)", RestartPostgresAsync),
        new("kafka-broker-down", "the only broker down, up after the downtime", BrokerDownAsync),
        new("kafka-produce-errors", $"{ErrorCount} produce requests answered NOT_ENOUGH_REPLICAS", (c, t) => PushErrorsAsync(c, "Produce", NotEnoughReplicas, t)),
        new("kafka-fetch-errors", $"{ErrorCount} fetch requests answered REQUEST_TIMED_OUT", (c, t) => PushErrorsAsync(c, "Fetch", RequestTimedOut, t)),
        new("kafka-commit-errors", $"{ErrorCount} offset commits answered REBALANCE_IN_PROGRESS", (c, t) => PushErrorsAsync(c, "OffsetCommit", RebalanceInProgress, t)),
        new("poison", "one undecodable record on every raw topic", PoisonAsync),
        new("cancellations", $"customers cancel orders at random moments of their flow for {CancellationWindow.TotalSeconds:F0} s (some twice, some already on the road)", CancelAsync),
    ];

    public static FaultScenario Find(string name) =>
        All.FirstOrDefault(s => s.Name == name)
            ?? throw new ArgumentException($"No fault scenario '{name}' (known: {string.Join(", ", All.Select(s => s.Name))}).", nameof(name));

    private static string Short(ServiceSpec spec) => spec.Name.Replace("-service", string.Empty, StringComparison.Ordinal);

    private static async Task<DateTimeOffset> KillAsync(FaultContext context, ServiceSpec spec, CancellationToken cancellationToken)
    {
        var instance = context.Platform.Instance(spec.Name);
        instance.Kill();
        await Task.Delay(Downtime, cancellationToken);
        return await RestartAsync(context, instance, cancellationToken);
    }

    private static async Task<DateTimeOffset> TerminateAsync(FaultContext context, ServiceSpec spec, CancellationToken cancellationToken)
    {
        var instance = context.Platform.Instance(spec.Name);
        await instance.StopAsync();
        return await RestartAsync(context, instance, cancellationToken);
    }

    private static async Task<DateTimeOffset> RestartAsync(FaultContext context, ServiceProcess instance, CancellationToken cancellationToken)
    {
        var restarted = DateTimeOffset.UtcNow;
        await context.Platform.RestartAsync(instance, cancellationToken);
        return restarted;
    }

    private static async Task<DateTimeOffset> RestartPostgresAsync(FaultContext context, CancellationToken cancellationToken)
    {
        await context.Platform.Postgres.CrashAndRestartAsync(Downtime, cancellationToken);
        return DateTimeOffset.UtcNow;
    }

    private static async Task<DateTimeOffset> BrokerDownAsync(FaultContext context, CancellationToken cancellationToken)
    {
        await PostAsync(context, "/faults/broker/1/down", content: null, cancellationToken);
        await Task.Delay(Downtime, cancellationToken);
        await PostAsync(context, "/faults/broker/1/up", content: null, cancellationToken);
        return DateTimeOffset.UtcNow;
    }

    private static async Task<DateTimeOffset> PushErrorsAsync(FaultContext context, string apiKey, int errorCode, CancellationToken cancellationToken)
    {
        using var body = JsonContent.Create(new { apiKey, count = ErrorCount, errorCode });
        await PostAsync(context, "/faults/errors", body, cancellationToken);
        return DateTimeOffset.UtcNow;
    }

    private static async Task<DateTimeOffset> PoisonAsync(FaultContext context, CancellationToken cancellationToken)
    {
        foreach (var topic in Topics.Raw)
        {
            var key = $"poison-{Guid.NewGuid():N}";
            context.PoisonKeys.Add(key);
            await KafkaTopic.ProduceAsync(context.Platform.KafkaBootstrapServers, topic,
                new Message<string, byte[]> { Key = key, Value = Encoding.UTF8.GetBytes("{ this is not an envelope") });
        }

        return DateTimeOffset.UtcNow;
    }

    /// <summary>
    /// Cancels orders as customers would: mostly orders still in flight (so the cancel meets the reservation, the payment
    /// or the assignment at a random point), some that already ended (a driver on the road: 409, or a cancel that loses
    /// the race), and every fifth one twice (the second answer must be the first's). The answers are kept for the
    /// invariants; what each order then did is checked there, not here.
    /// </summary>
    private static async Task<DateTimeOffset> CancelAsync(FaultContext context, CancellationToken cancellationToken)
    {
        var random = new Random(20261201);
        // A sample of the orders seen open; those of them no longer open are the "already ended" pool.
        var sampled = new List<string>();
        var requests = new List<Task>();
        var until = DateTimeOffset.UtcNow + CancellationWindow;
        while (DateTimeOffset.UtcNow < until)
        {
            var open = context.Tracker.OpenOrders();
            sampled.AddRange(open.Where(_ => random.Next(20) == 0));
            var ended = sampled.Where(id => !context.Tracker.IsOpen(id)).ToList();
            string? target = random.Next(5) == 0 && ended.Count > 0 ? ended[random.Next(ended.Count)]
                : open.Count > 0 ? open[random.Next(open.Count)]
                : null;
            if (target is not null && !context.CancelAnswers.ContainsKey(target))
            {
                var twice = random.Next(5) == 0;
                requests.Add(CancelOnceOrTwiceAsync(context, target, twice, cancellationToken));
            }

            await Task.Delay(TimeSpan.FromMilliseconds(random.Next(10, 40)), cancellationToken);
        }

        await Task.WhenAll(requests);
        return DateTimeOffset.UtcNow;
    }

    private static async Task CancelOnceOrTwiceAsync(FaultContext context, string orderId, bool twice, CancellationToken cancellationToken)
    {
        var answers = context.CancelAnswers.GetOrAdd(orderId, _ => new ConcurrentQueue<int>());
        for (var attempt = 0; attempt < (twice ? 2 : 1); attempt++)
        {
            using var body = JsonContent.Create(new { reason = "fault suite: customer changed their mind" });
            using var response = await context.Orders.PostAsync(new Uri($"api/orders/{orderId}/cancel", UriKind.Relative), body, cancellationToken);
            answers.Enqueue((int)response.StatusCode);
        }
    }

    private static async Task PostAsync(FaultContext context, string path, HttpContent? content, CancellationToken cancellationToken)
    {
        using var response = await context.KafkaAdmin.PostAsync(new Uri(path, UriKind.Relative), content, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"The broker's fault API refused {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }
    }
}
