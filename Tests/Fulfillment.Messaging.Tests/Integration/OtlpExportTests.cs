using System.Net;
using System.Net.Sockets;
using Fulfillment.Messaging.Tests.Support;
using NUnit.Framework;

namespace Fulfillment.Messaging.Tests.Integration;

/// <summary>With <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> set, a service exports its spans over OTLP.</summary>
public sealed class OtlpExportTests : ChassisTestBase
{
    private static readonly string[] Variables = ["OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_PROTOCOL", "OTEL_BSP_SCHEDULE_DELAY"];

    [Test]
    public async Task Spans_reach_the_configured_OTLP_endpoint()
    {
        var port = FreePort();
        using var collector = new HttpListener();
        collector.Prefixes.Add($"http://127.0.0.1:{port}/");
        collector.Start();
        var received = ReceiveAsync(collector);

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

        var (path, length) = await received.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.That(path, Is.EqualTo("/v1/traces"));
        Assert.That(length, Is.GreaterThan(0));
    }

    private static async Task<(string Path, long Length)> ReceiveAsync(HttpListener collector)
    {
        while (true)
        {
            var context = await collector.GetContextAsync();
            var path = context.Request.Url!.AbsolutePath;
            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            context.Response.StatusCode = 200;
            context.Response.Close();
            if (path == "/v1/traces")
            {
                return (path, body.Length);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
