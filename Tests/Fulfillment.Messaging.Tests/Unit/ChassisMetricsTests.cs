using System.Diagnostics.Metrics;
using Fulfillment.Messaging.Consuming;
using Fulfillment.Messaging.Outbox;
using Fulfillment.Messaging.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using NUnit.Framework;

namespace Fulfillment.Messaging.Tests.Unit;

public sealed class ChassisMetricsTests
{
    /// <summary>
    /// The list the dashboard's test checks against is the instruments' names as the Prometheus exporter writes them:
    /// dots to underscores, <c>_seconds</c> for the unit s, <c>_total</c> for counters.
    /// </summary>
    [Test]
    public void The_declared_Prometheus_names_are_those_of_the_instruments()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var instruments = new List<Instrument>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, _) =>
        {
            if (instrument.Meter.Name == ChassisMetrics.MeterName)
            {
                instruments.Add(instrument);
            }
        };
        listener.Start();

        using var metrics = new ChassisMetrics(
            services.GetRequiredService<IMeterFactory>(), new OutboxBacklog(), new ConsumerGroupStatus(), TimeProvider.System);

        Assert.That(instruments.Select(PrometheusName), Is.EquivalentTo(ChassisMetrics.PrometheusNames));
    }

    private static string PrometheusName(Instrument instrument) =>
        instrument.Name.Replace('.', '_')
        + (instrument.Unit == "s" ? "_seconds" : "")
        + (instrument.GetType().GetGenericTypeDefinition() == typeof(Counter<>) ? "_total" : "");
}
