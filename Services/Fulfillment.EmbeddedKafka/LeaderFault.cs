namespace Fulfillment.EmbeddedKafka;

/// <summary><c>POST /faults/leader</c>: move <c>Topic</c>/<c>Partition</c>'s leadership to broker <c>Broker</c>.</summary>
public sealed record LeaderFault(string Topic, int Partition, int Broker);
