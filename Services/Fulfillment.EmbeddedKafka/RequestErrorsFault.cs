using Fulfillment.EmbeddedKafka.Broker;

namespace Fulfillment.EmbeddedKafka;

/// <summary>
/// <c>POST /faults/errors</c>: the next <c>Count</c> requests of <c>ApiKey</c> (a name such as <c>Produce</c> or the
/// protocol number) fail with Kafka error <c>ErrorCode</c>.
/// </summary>
public sealed record RequestErrorsFault(KafkaApiKey ApiKey, int Count, int ErrorCode);
