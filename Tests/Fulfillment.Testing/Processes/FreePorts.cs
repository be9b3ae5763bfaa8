using System.Net;
using System.Net.Sockets;

namespace Fulfillment.Testing.Processes;

/// <summary>Loopback ports nobody listens on right now, so several runs (or the real platform) can coexist.</summary>
public static class FreePorts
{
    /// <summary>One port, free when picked (something else could take it before it is used: fine for tests).</summary>
    public static int Pick() => Pick(1)[0];

    /// <summary><paramref name="count"/> distinct ports, each free when picked.</summary>
    /// <remarks>All listeners stay open until every port is picked, so the system cannot hand out the same port twice.</remarks>
    public static IReadOnlyList<int> Pick(int count)
    {
        var listeners = new List<TcpListener>(count);
        try
        {
            for (var i = 0; i < count; i++)
            {
                var listener = new TcpListener(IPAddress.Loopback, 0);
                listener.Start();
                listeners.Add(listener);
            }

            return [.. listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port)];
        }
        finally
        {
            foreach (var listener in listeners)
            {
                listener.Stop();
            }
        }
    }
}
