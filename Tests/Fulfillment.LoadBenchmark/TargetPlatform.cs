namespace Fulfillment.LoadBenchmark;

/// <summary>
/// An already running platform (<c>--target</c>): order-service and query-api URLs, a superuser connection to the
/// PostgreSQL server holding the services' databases (pgbench, outbox backlog, progress) and Kafka (consumer lag).
/// The defaults are deploy/scripts/run.sh's; <c>--target run.sh</c> takes them as they are, <c>--target key=value</c>
/// (keys order, query, postgres, kafka; repeatable) changes one.
/// </summary>
public sealed record TargetPlatform(Uri OrderUrl, Uri QueryUrl, string Postgres, string Kafka)
{
    public static TargetPlatform RunSh { get; } = new(
        new Uri("http://localhost:8081"), new Uri("http://localhost:8080"),
        "Host=127.0.0.1;Port=5432;Username=postgres;Database=postgres", "localhost:9092");

    public static TargetPlatform Parse(TargetPlatform? current, string text)
    {
        var target = current ?? RunSh;
        if (text == "run.sh")
        {
            return target;
        }

        var split = text.IndexOf('=', StringComparison.Ordinal);
        if (split <= 0)
        {
            throw new FormatException($"--target takes run.sh or key=value (order, query, postgres, kafka), not '{text}'.");
        }

        var value = text[(split + 1)..];
        return text[..split] switch
        {
            "order" => target with { OrderUrl = new Uri(value) },
            "query" => target with { QueryUrl = new Uri(value) },
            "postgres" => target with { Postgres = value },
            "kafka" => target with { Kafka = value },
            var key => throw new FormatException($"--target: unknown key '{key}' (order, query, postgres, kafka)."),
        };
    }
}
