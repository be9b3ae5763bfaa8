using Fulfillment.Deployment.Tests.Support;
using NUnit.Framework;

namespace Fulfillment.Deployment.Tests.Contract;

/// <summary>The services' own settings against README.md, "Calling every endpoint" and docs/configuration.md, the table the deployment files are checked against.</summary>
public sealed class DesignContractTests
{
    [TestCaseSource(typeof(Design), nameof(Design.ServiceCases))]
    public void A_service_listens_on_its_design_port_and_uses_its_design_database(string name)
    {
        var contract = Design.Named(name);
        var settings = AppSettings.Of(contract);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(settings.Port, Is.EqualTo(contract.Port));
            Assert.That(AppSettings.DatabaseOf(settings.ConnectionString), Is.EqualTo(contract.Database));
        }
    }

    [Test]
    public void The_configuration_keys_the_deployments_rely_on_are_found_in_the_code()
    {
        using (Assert.EnterMultipleScope())
        {
            foreach (var service in Design.Services)
            {
                var keys = ConfigurationKeys.Of(service);
                Assert.That(keys, Is.SupersetOf(new[]
                {
                    "ConnectionStrings:Database", "Kafka:BootstrapServers", "Kafka:Partitions", "Kafka:ReplicationFactor",
                    "Kafka:CreateTopics", "Logging:Format",
                }).Using((IEqualityComparer<string>)StringComparer.OrdinalIgnoreCase), service.Name);
                Assert.That(keys.Contains("Admin:ApiKey"), Is.EqualTo(service.Name == "query-api"), $"{service.Name}: Admin:ApiKey");
            }
        }
    }
}
