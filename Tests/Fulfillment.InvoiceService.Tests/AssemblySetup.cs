using Fulfillment.Testing;
using NUnit.Framework;

namespace Fulfillment.InvoiceService.Tests;

/// <summary>Stops the kit's shared PostgreSQL and Kafka after the last test (a set-up fixture in the root namespace covers every test).</summary>
[SetUpFixture]
public sealed class AssemblySetup
{
    [OneTimeTearDown]
    public Task StopAsync() => SharedInfrastructure.StopAsync();
}
