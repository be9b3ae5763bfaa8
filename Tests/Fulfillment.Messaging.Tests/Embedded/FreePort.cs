using System.Net;
using System.Net.Sockets;

namespace Fulfillment.Messaging.Tests.Embedded;

/// <summary>A loopback port nothing listens on right now (it could be taken again before use; fine for tests).</summary>
internal static class FreePort
{
    public static int Find()
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)probe.LocalEndPoint!).Port;
    }
}
