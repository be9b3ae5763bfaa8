using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Fulfillment.EmbeddedKafka.Broker;
using Fulfillment.Testing.Processes;
using NUnit.Framework;

namespace Fulfillment.Messaging.Tests.Embedded;

[TestFixture]
public sealed class TcpPortForwarderTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    [Test]
    [CancelAfter(30_000)]
    public async Task Concurrent_connections_each_get_their_own_bytes_back_in_order(CancellationToken cancellationToken)
    {
        await using var echo = EchoServer.Start();
        await using var forwarder = TcpPortForwarder.Start(0, echo.EndPoint);

        var payloads = Enumerable.Range(1, 5).Select(seed =>
        {
            var bytes = new byte[256 * 1024 * seed];
            new Random(seed).NextBytes(bytes);
            return bytes;
        }).ToList();

        var echoed = await Task.WhenAll(payloads.Select(payload => RoundTripAsync(forwarder.Port, payload, cancellationToken)));

        for (var i = 0; i < payloads.Count; i++)
        {
            Assert.That(echoed[i], Is.EqualTo(payloads[i]), $"connection {i}");
        }
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task Disposing_closes_open_connections_and_frees_the_port(CancellationToken cancellationToken)
    {
        await using var echo = EchoServer.Start();
        var forwarder = TcpPortForwarder.Start(0, echo.EndPoint);
        var port = forwarder.Port;

        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await client.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), cancellationToken);
        await client.SendAsync(new byte[] { 42 }, cancellationToken);
        var buffer = new byte[16];
        Assert.That(await client.ReceiveAsync(buffer, cancellationToken), Is.EqualTo(1), "the connection works before disposal");
        await WaitUntilAsync(() => forwarder.ActiveConnections == 1, cancellationToken);

        await forwarder.DisposeAsync().AsTask().WaitAsync(Deadline, cancellationToken);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(forwarder.ActiveConnections, Is.Zero);
            Assert.That(await ReadUntilClosedAsync(client, cancellationToken), Is.True, "the client sees its connection end");
            Assert.That(() =>
            {
                using var rebind = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                rebind.Bind(new IPEndPoint(IPAddress.Loopback, port));
                rebind.Listen();
            }, Throws.Nothing, "the listen port is free again");
        }
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task A_client_closing_its_side_is_passed_on_and_the_pair_is_torn_down(CancellationToken cancellationToken)
    {
        await using var echo = EchoServer.Start();
        await using var forwarder = TcpPortForwarder.Start(0, echo.EndPoint);

        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await client.ConnectAsync(new IPEndPoint(IPAddress.Loopback, forwarder.Port), cancellationToken);
        await client.SendAsync("last words"u8.ToArray(), cancellationToken);
        client.Shutdown(SocketShutdown.Send);

        var received = new MemoryStream();
        var buffer = new byte[64];
        int read;
        while ((read = await client.ReceiveAsync(buffer, cancellationToken)) > 0)
        {
            received.Write(buffer, 0, read);
        }

        Assert.That(received.ToArray(), Is.EqualTo("last words"u8.ToArray()), "data sent before the half-close still arrives");
        await WaitUntilAsync(() => forwarder.ActiveConnections == 0, cancellationToken);
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task A_connection_to_an_unreachable_target_is_closed_and_the_forwarder_keeps_serving(CancellationToken cancellationToken)
    {
        var nothingListens = new IPEndPoint(IPAddress.Loopback, FreePorts.Pick());
        await using var forwarder = TcpPortForwarder.Start(0, nothingListens);

        for (var attempt = 0; attempt < 2; attempt++)
        {
            using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            await client.ConnectAsync(new IPEndPoint(IPAddress.Loopback, forwarder.Port), cancellationToken);
            Assert.That(await ReadUntilClosedAsync(client, cancellationToken), Is.True, $"attempt {attempt}");
        }

        await WaitUntilAsync(() => forwarder.ActiveConnections == 0, cancellationToken);
    }

    [Test]
    public async Task A_port_in_use_is_reported_at_start()
    {
        using var occupant = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        occupant.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        occupant.Listen();
        var port = ((IPEndPoint)occupant.LocalEndPoint!).Port;
        await using var echo = EchoServer.Start();

        Assert.That(() => TcpPortForwarder.Start(port, echo.EndPoint),
            Throws.InstanceOf<SocketException>().With.Property(nameof(SocketException.SocketErrorCode)).EqualTo(SocketError.AddressAlreadyInUse));
    }

    private static async Task<byte[]> RoundTripAsync(int port, byte[] payload, CancellationToken cancellationToken)
    {
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await client.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), cancellationToken);
        var sending = Task.Run(async () =>
        {
            await client.SendAsync(payload, cancellationToken);
            client.Shutdown(SocketShutdown.Send);
        }, cancellationToken);

        var received = new MemoryStream(payload.Length);
        var buffer = new byte[64 * 1024];
        int read;
        while ((read = await client.ReceiveAsync(buffer, cancellationToken)) > 0)
        {
            received.Write(buffer, 0, read);
        }

        await sending;
        return received.ToArray();
    }

    /// <summary>True when the peer ends the connection (orderly or by reset) before the deadline.</summary>
    private static async Task<bool> ReadUntilClosedAsync(Socket client, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(Deadline);
        var buffer = new byte[1024];
        try
        {
            while (await client.ReceiveAsync(buffer, deadline.Token) > 0)
            {
            }

            return true;
        }
        catch (SocketException)
        {
            return true;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition, CancellationToken cancellationToken)
    {
        var elapsed = Stopwatch.StartNew();
        while (!condition() && elapsed.Elapsed < Deadline)
        {
            await Task.Delay(10, cancellationToken);
        }

        Assert.That(condition(), Is.True, $"condition still false after {Deadline.TotalSeconds} s");
    }
}
