namespace Fulfillment.QueryApi.Tests.Support;

/// <summary>One line of a Prometheus text exposition.</summary>
public sealed record PrometheusSample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);
