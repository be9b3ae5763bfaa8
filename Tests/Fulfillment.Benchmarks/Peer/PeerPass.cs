namespace Fulfillment.Benchmarks.Peer;

/// <summary>
/// One timed pass of a variant: <see cref="Handled"/> timed by the framework's counter (first to last committed event,
/// with the runtime's allocations and JIT), and <see cref="Rate"/>, the events per second from the first committed
/// event until the last outbound event was on the topic.
/// </summary>
public sealed record PeerPass(PhaseResult Handled, double Rate);
