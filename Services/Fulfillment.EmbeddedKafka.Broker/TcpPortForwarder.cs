using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fulfillment.EmbeddedKafka.Broker;

/// <summary>
/// A loopback TCP proxy: every connection accepted on the listen port is piped, both ways, to one target.
/// </summary>
/// <remarks>
/// The embedded Kafka uses it to give the mock cluster the conventional <c>localhost:9092</c> address: a Kafka
/// client only bootstraps through it and then connects straight to the brokers' advertised addresses. Only loopback
/// addresses are bound, so nothing is exposed beyond the machine. Disposal stops accepting, aborts every open
/// connection and waits for all of them, so no socket outlives the forwarder and the port is free again afterwards.
/// </remarks>
public sealed partial class TcpPortForwarder : IAsyncDisposable
{
    private const int Backlog = 512;
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan AcceptErrorBackoff = TimeSpan.FromMilliseconds(100);

    private readonly List<Socket> _listeners;
    private readonly IPEndPoint _target;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<long, Task> _connections = new();
    private readonly Task[] _acceptLoops;
    private long _nextConnectionId;
    private int _disposed;

    private TcpPortForwarder(List<Socket> listeners, IPEndPoint target, ILogger logger)
    {
        _listeners = listeners;
        _target = target;
        _logger = logger;
        Port = ((IPEndPoint)listeners[0].LocalEndPoint!).Port;
        _acceptLoops = [.. listeners.Select(listener => Task.Run(() => AcceptLoopAsync(listener)))];
    }

    /// <summary>The bound port (the requested one, or the one the system chose for port 0).</summary>
    public int Port { get; }

    /// <summary>Connections currently being forwarded.</summary>
    public int ActiveConnections => _connections.Count;

    /// <summary>
    /// Listens on 127.0.0.1:<paramref name="port"/> and, when the machine has IPv6 loopback, on [::1] with the same
    /// port, so a client resolving <c>localhost</c> to either address reaches the target without a failed attempt.
    /// </summary>
    /// <param name="port">The port to listen on; 0 lets the system choose.</param>
    /// <param name="target">Where accepted connections are forwarded to.</param>
    /// <param name="logger">Connection-level diagnostics (debug level); none when null.</param>
    /// <exception cref="SocketException">The IPv4 port cannot be bound (for instance it is in use).</exception>
    public static TcpPortForwarder Start(int port, IPEndPoint target, ILogger? logger = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, IPEndPoint.MaxPort);
        ArgumentNullException.ThrowIfNull(target);

        var listeners = new List<Socket> { Listen(new IPEndPoint(IPAddress.Loopback, port)) };
        var boundPort = ((IPEndPoint)listeners[0].LocalEndPoint!).Port;
        if (Socket.OSSupportsIPv6)
        {
            try
            {
                listeners.Add(Listen(new IPEndPoint(IPAddress.IPv6Loopback, boundPort)));
            }
            catch (SocketException)
            {
                // IPv6 loopback is a convenience (localhost may resolve to ::1); IPv4 alone is a working forwarder.
            }
        }

        return new TcpPortForwarder(listeners, target, logger ?? NullLogger.Instance);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        foreach (var listener in _listeners)
        {
            listener.Dispose();
        }

        // Once the accept loops have ended no connection can be added, so the snapshot below is complete.
        await Task.WhenAll(_acceptLoops).ConfigureAwait(false);
        await Task.WhenAll(_connections.Values).ConfigureAwait(false);
        _connections.Clear();
        _stopping.Dispose();
    }

    private static Socket Listen(IPEndPoint endPoint)
    {
        var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            if (endPoint.AddressFamily == AddressFamily.InterNetworkV6)
            {
                socket.DualMode = false;
            }

            socket.Bind(endPoint);
            socket.Listen(Backlog);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private async Task AcceptLoopAsync(Socket listener)
    {
        var stopping = _stopping.Token;
        while (!stopping.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await listener.AcceptAsync(stopping).ConfigureAwait(false);
            }
            catch (Exception ex) when ((ex is OperationCanceledException or ObjectDisposedException) && stopping.IsCancellationRequested)
            {
                return;
            }
            catch (SocketException ex) when (!stopping.IsCancellationRequested)
            {
                // Typically descriptor exhaustion: back off instead of spinning, keep serving once it clears.
                LogAcceptFailed(_logger, Port, ex.SocketErrorCode, ex);
                try
                {
                    await Task.Delay(AcceptErrorBackoff, stopping).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                continue;
            }
            catch (SocketException)
            {
                return;
            }

            var id = Interlocked.Increment(ref _nextConnectionId);
            var connection = ForwardAsync(id, client);
            _connections[id] = connection;
            _ = connection.ContinueWith(
                completed => _connections.TryRemove(id, out _),
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
        }
    }

    /// <summary>Never throws: a failing connection is logged and closed, the forwarder carries on.</summary>
    private async Task ForwardAsync(long id, Socket client)
    {
        // Yield first so the accept loop goes straight back to accepting.
        await Task.Yield();
        using var connection = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
        using var upstream = new Socket(_target.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        using (client)
        {
            var remote = client.RemoteEndPoint;
            try
            {
                using (var connectTimeout = CancellationTokenSource.CreateLinkedTokenSource(connection.Token))
                {
                    connectTimeout.CancelAfter(ConnectTimeout);
                    await upstream.ConnectAsync(_target, connectTimeout.Token).ConfigureAwait(false);
                }

                client.NoDelay = true;
                upstream.NoDelay = true;
                LogConnectionOpened(_logger, id, remote, _target);

                // Both streams exist before either pump runs: Socket.Shutdown marks a socket disconnected, after
                // which a NetworkStream can no longer be created on it.
                var clientStream = new NetworkStream(client, ownsSocket: false);
                var upstreamStream = new NetworkStream(upstream, ownsSocket: false);
                await using var clientStreamScope = clientStream.ConfigureAwait(false);
                await using var upstreamStreamScope = upstreamStream.ConfigureAwait(false);
                var toTarget = PumpAsync(clientStream, upstreamStream, upstream, connection.Token);
                var toClient = PumpAsync(upstreamStream, clientStream, client, connection.Token);
                var first = await Task.WhenAny(toTarget, toClient).ConfigureAwait(false);
                if (!first.IsCompletedSuccessfully)
                {
                    // A reset or error on one side ends the pair; otherwise the other pump could wait forever.
                    await connection.CancelAsync().ConfigureAwait(false);
                }

                await Task.WhenAll(toTarget, toClient).ConfigureAwait(false);
                LogConnectionClosed(_logger, id);
            }
            catch (Exception ex)
            {
                LogConnectionAborted(_logger, id, remote, ex.Message);
            }
        }
    }

    /// <summary>Copies until end of stream, then half-closes the destination so the peer sees the same end.</summary>
    private static async Task PumpAsync(
        NetworkStream source, NetworkStream destination, Socket destinationSocket, CancellationToken cancellationToken)
    {
        await source.CopyToAsync(destination, cancellationToken).ConfigureAwait(false);
        destinationSocket.Shutdown(SocketShutdown.Send);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Port forwarder on {Port} failed to accept a connection ({Error})")]
    private static partial void LogAcceptFailed(ILogger logger, int port, SocketError error, Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Forwarding connection {ConnectionId} from {Remote} to {Target}")]
    private static partial void LogConnectionOpened(ILogger logger, long connectionId, EndPoint? remote, IPEndPoint target);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Connection {ConnectionId} closed")]
    private static partial void LogConnectionClosed(ILogger logger, long connectionId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Connection {ConnectionId} from {Remote} aborted: {Reason}")]
    private static partial void LogConnectionAborted(ILogger logger, long connectionId, EndPoint? remote, string reason);
}
