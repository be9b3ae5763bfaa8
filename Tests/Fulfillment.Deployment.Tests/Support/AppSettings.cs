using System.Data.Common;
using System.Globalization;
using System.Text.Json;

namespace Fulfillment.Deployment.Tests.Support;

/// <summary>A service's appsettings.json, flattened to configuration keys ("Kafka:BootstrapServers").</summary>
internal sealed class AppSettings
{
    private AppSettings(Dictionary<string, string?> values) => Values = values;

    public IReadOnlyDictionary<string, string?> Values { get; }

    /// <summary>The port of the service's "Urls" setting: where Kestrel listens in every environment.</summary>
    public int Port => PortOf(Values.GetValueOrDefault("Urls") ?? throw new InvalidOperationException("appsettings.json has no Urls."));

    public string ConnectionString =>
        Values.GetValueOrDefault("ConnectionStrings:Database") ?? throw new InvalidOperationException("appsettings.json has no ConnectionStrings:Database.");

    public static AppSettings Of(ServiceContract service)
    {
        using var document = JsonDocument.Parse(
            File.ReadAllText(Path.Combine(service.ProjectDirectory, "appsettings.json")),
            new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        Flatten(document.RootElement, null, values);
        return new AppSettings(values);
    }

    /// <summary>The single port of a Urls value such as "http://0.0.0.0:8081".</summary>
    public static int PortOf(string urls)
    {
        var ports = urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(url => new Uri(url.Replace("*", "localhost", StringComparison.Ordinal).Replace("+", "localhost", StringComparison.Ordinal)).Port)
            .Distinct()
            .ToList();
        return ports.Count == 1 ? ports[0] : throw new InvalidOperationException($"Urls '{urls}' does not name exactly one port.");
    }

    /// <summary>The Database of an Npgsql connection string.</summary>
    public static string DatabaseOf(string connectionString)
    {
        var builder = new DbConnectionStringBuilder { ConnectionString = connectionString };
        return builder.TryGetValue("Database", out var database)
            ? Convert.ToString(database, CultureInfo.InvariantCulture) ?? string.Empty
            : throw new InvalidOperationException($"No Database in '{connectionString}'.");
    }

    /// <summary>The Host of an Npgsql connection string.</summary>
    public static string HostOf(string connectionString)
    {
        var builder = new DbConnectionStringBuilder { ConnectionString = connectionString };
        return builder.TryGetValue("Host", out var host)
            ? Convert.ToString(host, CultureInfo.InvariantCulture) ?? string.Empty
            : throw new InvalidOperationException($"No Host in '{connectionString}'.");
    }

    private static void Flatten(JsonElement element, string? prefix, Dictionary<string, string?> values)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    Flatten(property.Value, prefix is null ? property.Name : $"{prefix}:{property.Name}", values);
                }

                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    Flatten(item, string.Create(CultureInfo.InvariantCulture, $"{prefix}:{index++}"), values);
                }

                break;
            case JsonValueKind.String:
                values[prefix!] = element.GetString();
                break;
            case JsonValueKind.Null:
                values[prefix!] = null;
                break;
            default:
                values[prefix!] = element.GetRawText();
                break;
        }
    }
}
