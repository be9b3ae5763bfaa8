namespace Fulfillment.Testing;

/// <summary>What <c>FULFILLMENT_TEST_INFRA</c> asks for (see <see cref="TestInfrastructure"/>).</summary>
public enum TestInfrastructureMode
{
    /// <summary>Containers when a Docker engine answers, else the embedded broker and a private PostgreSQL (the default).</summary>
    Auto,

    /// <summary>Containers, and a loud failure when no Docker engine answers.</summary>
    Containers,

    /// <summary>The embedded broker and a private PostgreSQL, without asking Docker.</summary>
    Embedded,
}
