namespace Fulfillment.Messaging.Consuming;

/// <summary>
/// One Kafka consumer group of a service: its topics, the message types its components handle and, optionally, the
/// <see cref="IBatchPreparer"/> run before each of its units of work, its own <see cref="RecordRetryPolicy"/> and its own
/// bound on a unit of work's records (else <c>Kafka:Consumer:MaxBatchSize</c>).
/// </summary>
internal sealed record ConsumerGroupDefinition(
    string GroupId,
    IReadOnlyList<string> Topics,
    IReadOnlySet<Type> HandledMessageTypes,
    Type? BatchPreparer = null,
    RecordRetryPolicy? Retry = null,
    int? MaxBatchSize = null);
