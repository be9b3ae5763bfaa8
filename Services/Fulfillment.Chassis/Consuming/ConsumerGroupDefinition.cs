namespace Fulfillment.Chassis.Consuming;

/// <summary>One Kafka consumer group of a service: its topics and the message types its components handle.</summary>
public sealed record ConsumerGroupDefinition(string GroupId, IReadOnlyList<string> Topics, IReadOnlySet<Type> HandledMessageTypes);
