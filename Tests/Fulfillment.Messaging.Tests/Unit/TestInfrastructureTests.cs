using Fulfillment.Testing;
using NUnit.Framework;

namespace Fulfillment.Messaging.Tests.Unit;

/// <summary>The test kit's choice between containers and the embedded infrastructure, with the Docker probe injected.</summary>
public sealed class TestInfrastructureTests
{
    private static readonly DockerEngineStatus Engine = new(true, "a Docker engine answers at unix:///var/run/docker.sock");
    private static readonly DockerEngineStatus NoEngine = new(false, "no Docker engine answers (Testcontainers: none found)");

    [TestCase(null)]
    [TestCase("")]
    [TestCase("auto")]
    [TestCase(" Auto ")]
    public void Auto_uses_containers_when_an_engine_answers(string? setting)
    {
        var choice = TestInfrastructure.Choose(setting, () => Engine);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(choice.Mode, Is.EqualTo(TestInfrastructureMode.Auto));
            Assert.That(choice.UseContainers, Is.True);
            Assert.That(choice.PostgresInContainer, Is.True);
            Assert.That(choice.Describe(), Does.Contain(TestInfrastructure.KafkaImage).And.Contain(TestInfrastructure.PostgresImage)
                .And.Contain(Engine.Description));
        }
    }

    [Test]
    public void Auto_falls_back_to_the_embedded_infrastructure_without_an_engine_and_says_why()
    {
        var choice = TestInfrastructure.Choose("auto", () => NoEngine);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(choice.UseContainers, Is.False);
            Assert.That(choice.PostgresInContainer, Is.False);
            Assert.That(choice.Describe(), Does.Contain("embedded Kafka").And.Contain("private PostgreSQL").And.Contain(NoEngine.Description));
        }
    }

    [Test]
    public void Embedded_never_asks_docker()
    {
        var asked = false;
        var choice = TestInfrastructure.Choose("embedded", () =>
        {
            asked = true;
            return Engine;
        });

        using (Assert.EnterMultipleScope())
        {
            Assert.That(choice.UseContainers, Is.False);
            Assert.That(asked, Is.False);
        }
    }

    [Test]
    public void Containers_uses_containers_when_an_engine_answers() =>
        Assert.That(TestInfrastructure.Choose("CONTAINERS", () => Engine).UseContainers, Is.True);

    [Test]
    public void Containers_without_an_engine_fails_naming_the_setting_and_the_probe_answer_instead_of_falling_back()
    {
        var failure = Assert.Throws<InvalidOperationException>(() => TestInfrastructure.Choose("containers", () => NoEngine));

        Assert.That(failure!.Message, Does.Contain("FULFILLMENT_TEST_INFRA=containers").And.Contain(NoEngine.Description));
    }

    [Test]
    public void An_unknown_setting_is_an_error_not_a_silent_default()
    {
        var failure = Assert.Throws<InvalidOperationException>(() => TestInfrastructure.Choose("docker", () => Engine));

        Assert.That(failure!.Message, Does.Contain("'docker'").And.Contain("auto").And.Contain("containers").And.Contain("embedded"));
    }

    [Test]
    public void A_named_external_postgres_wins_over_a_container_but_kafka_still_runs_in_one()
    {
        var choice = TestInfrastructure.Choose("containers", () => Engine, externalPostgres: true);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(choice.UseContainers, Is.True);
            Assert.That(choice.PostgresInContainer, Is.False);
            Assert.That(choice.Describe(), Does.Contain(PostgresServer.ExternalServerVariable));
        }
    }

    /// <summary>The real probe on a machine without Docker (this one): containers mode fails loudly, auto falls back.</summary>
    [Test]
    public void Without_docker_the_real_probe_makes_containers_mode_fail_and_auto_fall_back()
    {
        var engine = DockerEngine.Probe();
        Assume.That(engine.Available, Is.False, $"a Docker engine is here ({engine.Description})");
        TestContext.Out.WriteLine(engine.Description);

        var failure = Assert.Throws<InvalidOperationException>(() => TestInfrastructure.Choose("containers", DockerEngine.Probe));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(failure!.Message, Does.Contain("FULFILLMENT_TEST_INFRA=containers").And.Contain("no Docker engine"));
            Assert.That(TestInfrastructure.Choose("auto", DockerEngine.Probe).UseContainers, Is.False);
        }
    }
}
