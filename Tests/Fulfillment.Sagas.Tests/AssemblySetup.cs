using Fulfillment.Sagas.Tests.Support;
using NUnit.Framework;

namespace Fulfillment.Sagas.Tests;

/// <summary>Stops the assembly's PostgreSQL server (if a test started it) after the last test.</summary>
[SetUpFixture]
public sealed class AssemblySetup
{
    [OneTimeTearDown]
    public Task StopPostgresAsync() => TestDatabase.StopServerAsync();
}
