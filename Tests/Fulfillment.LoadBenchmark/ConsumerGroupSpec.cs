namespace Fulfillment.LoadBenchmark;

/// <summary>A consumer group of the platform and the topics it reads, as in the services' Program.cs.</summary>
public sealed record ConsumerGroupSpec(string GroupId, string Label, IReadOnlyList<string> Topics);
