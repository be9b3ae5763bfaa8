using System.Collections.Concurrent;
using System.Net;
using Fulfillment.Messages;
using Fulfillment.Messaging.Tests.Support;
using Fulfillment.Testing;
using Fulfillment.Testing.Processes;
using NUnit.Framework;

namespace Fulfillment.Messaging.Tests.Integration;

/// <summary>With <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> set, a service exports its spans over OTLP.</summary>
public sealed class OtlpExportTests : ChassisTestBase
{
    private static readonly string[] Variables = ["OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_PROTOCOL", "OTEL_BSP_SCHEDULE_DELAY"];

    [Test]
    public async Task Spans_reach_the_configured_OTLP_endpoint()
    {
        var port = FreePorts.Pick();
        using var collector = new HttpListener();
        collector.Prefixes.Add($"http://127.0.0.1:{port}/");
        collector.Start();
        var received = new ConcurrentQueue<(string Path, byte[] Body)>();
        var receiving = ReceiveAsync(collector, received);

        Environment.SetEnvironmentVariable("OTEL_EXPORTER_OTLP_ENDPOINT", $"http://127.0.0.1:{port}");
        Environment.SetEnvironmentVariable("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf");
        Environment.SetEnvironmentVariable("OTEL_BSP_SCHEDULE_DELAY", "200");
        try
        {
            var service = await StartServiceAsync();
            await ProduceAsync(TestEvents.OrderCreated("order-exported"));
            await WaitForHandledAsync(service, rows => rows.Count == 1, "handled");
            await service.DisposeAsync(); // flushes the exporter
        }
        finally
        {
            foreach (var variable in Variables)
            {
                Environment.SetEnvironmentVariable(variable, null);
            }
        }

        // Whatever arrived, on any path: the request that carried the consume span is the trace export.
        var consumeSpan = $"{Topics.OrderEvents} process";
        var requests = await Eventually.ReturnsAsync(
            () => Task.FromResult(received.ToArray()),
            all => all.Any(r => OtlpTraceRequest.Spans(r.Body).Any(s => s.Span == consumeSpan)),
            Patience,
            "the consume span exported");
        collector.Stop();
        await receiving;

        var export = requests.First(r => OtlpTraceRequest.Spans(r.Body).Any(s => s.Span == consumeSpan));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(export.Path, Is.EqualTo("/v1/traces"), "the OTLP/HTTP trace path under the configured endpoint");
            Assert.That(
                OtlpTraceRequest.Spans(export.Body).First(s => s.Span == consumeSpan).Service,
                Is.EqualTo(SampleService.GroupId),
                "the resource's service.name");
        }
    }

    /// <summary>Answers every request 200 and records its path and body, until the listener stops.</summary>
    private static async Task ReceiveAsync(HttpListener collector, ConcurrentQueue<(string Path, byte[] Body)> received)
    {
        while (true)
        {
            HttpListenerContext context;
            try
            {
                context = await collector.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            received.Enqueue((context.Request.Url!.AbsolutePath, body.ToArray()));
            context.Response.StatusCode = 200;
            context.Response.Close();
        }
    }
}
