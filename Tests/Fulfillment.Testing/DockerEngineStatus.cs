namespace Fulfillment.Testing;

/// <summary>Whether a Docker engine answers, and where it is or why none does (for the test output).</summary>
public sealed record DockerEngineStatus(bool Available, string Description);
