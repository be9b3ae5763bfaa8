using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Fulfillment.LoadBenchmark;

/// <summary>
/// Samples the backlog once a second for the whole run (warm-up, load, drain), printing a compact line every
/// <see cref="LoadOptions.PrintEverySeconds"/>. Each sample also moves <see cref="OrderTracker"/> on.
/// </summary>
public sealed class BacklogSampler(OrderTracker tracker, KafkaLagProbe lag, OutboxProbe outbox, LoadOptions options)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly List<BacklogSample> _samples = [];
    private readonly Lock _gate = new();
    private volatile string _phase = "start";

    public string Phase
    {
        get => _phase;
        set => _phase = value;
    }

    public IReadOnlyList<BacklogSample> Samples
    {
        get
        {
            lock (_gate)
            {
                return [.. _samples];
            }
        }
    }

    public BacklogSample? Latest
    {
        get
        {
            lock (_gate)
            {
                return _samples.Count == 0 ? null : _samples[^1];
            }
        }
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        Console.WriteLine(Header());
        var printed = -options.PrintEverySeconds;
        while (!cancellationToken.IsCancellationRequested)
        {
            var started = _clock.Elapsed;
            try
            {
                var sample = await SampleAsync(cancellationToken);
                lock (_gate)
                {
                    _samples.Add(sample);
                }

                if (sample.Seconds - printed >= options.PrintEverySeconds - 0.5)
                {
                    printed = (int)sample.Seconds;
                    Console.WriteLine(Line(sample));
                }

                var wait = TimeSpan.FromSeconds(1) - (_clock.Elapsed - started);
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, cancellationToken);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private async Task<BacklogSample> SampleAsync(CancellationToken cancellationToken)
    {
        await tracker.PollAsync(cancellationToken);
        var (groups, deadLetters) = await Task.Run(lag.Sample, cancellationToken);
        var outboxes = await outbox.SampleAsync(cancellationToken);
        return new BacklogSample(_clock.Elapsed.TotalSeconds, _phase, tracker.AcceptedCount, tracker.AssignedCount,
            tracker.RejectedCount, tracker.Outstanding, groups, outboxes, deadLetters);
    }

    private static string Header()
    {
        var text = new StringBuilder("    t phase        accepted  assigned  rejected  open |");
        foreach (var group in KafkaLagProbe.Groups)
        {
            text.Append(CultureInfo.InvariantCulture, $" {"lag:" + group.Label,9}");
        }

        text.Append(" | outbox: order   inv   pay   del query |  dlq");
        return text.ToString();
    }

    private static string Line(BacklogSample s)
    {
        var text = new StringBuilder(string.Create(CultureInfo.InvariantCulture,
            $"{s.Seconds,5:F0} {s.Phase,-11} {s.Accepted,9} {s.Assigned,9} {s.Rejected,9} {s.Outstanding,5} |"));
        foreach (var group in KafkaLagProbe.Groups)
        {
            text.Append(s.Lag.TryGetValue(group.GroupId, out var value) ? string.Create(CultureInfo.InvariantCulture, $" {value,9}") : "         ?");
        }

        text.Append(" |        ");
        foreach (var service in new[] { "order-service", "inventory-service", "payment-service", "delivery-service", "query-api" })
        {
            text.Append(s.Outbox.TryGetValue(service, out var rows) ? string.Create(CultureInfo.InvariantCulture, $" {rows,5}") : "     ?");
        }

        text.Append(CultureInfo.InvariantCulture, $" | {s.DeadLetters,4}");
        return text.ToString();
    }
}
