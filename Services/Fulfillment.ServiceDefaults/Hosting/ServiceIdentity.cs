namespace Fulfillment.ServiceDefaults.Hosting;

/// <summary>The service's name: the <c>producer</c> of its events, its Kafka client id and its default consumer group.</summary>
public sealed record ServiceIdentity(string Name);
