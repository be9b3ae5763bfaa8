using System.Globalization;

namespace Fulfillment.Testing.Processes;

/// <summary>The settings every service process of a local platform gets, as environment variables.</summary>
public static class ServiceEnvironment
{
    /// <summary>
    /// Kafka's session timeout for the services: the embedded broker waits out session timeouts on rebalances (about
    /// 45 s with Kafka's default), so a member that leaves or dies hands its partitions on after ~5 s instead.
    /// </summary>
    public const string SessionTimeoutMs = "6000";

    /// <summary>
    /// Listening URL (127.0.0.1:<paramref name="port"/>), database and Kafka: what a service needs to run, with the
    /// short Kafka session timeout; callers add their own settings on top.
    /// </summary>
    public static Dictionary<string, string> Base(int port, string database, string bootstrapServers)
    {
        var url = string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}");
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["ASPNETCORE_URLS"] = url,
            // appsettings.json's "Urls" outranks ASPNETCORE_URLS (host settings come first); a plain variable outranks both.
            ["Urls"] = url,
            ["ConnectionStrings__Database"] = database,
            ["Kafka__BootstrapServers"] = bootstrapServers,
            ["Kafka__Consumer__SessionTimeoutMs"] = SessionTimeoutMs,
        };
    }
}
