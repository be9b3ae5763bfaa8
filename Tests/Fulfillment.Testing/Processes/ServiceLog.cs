using System.Text;

namespace Fulfillment.Testing.Processes;

/// <summary>
/// One service's stdout and stderr, line by line, in a file of the test output directory. Every process generation
/// (a restart is a new one) appends after a banner, so the file tells the whole story of the run.
/// </summary>
public sealed class ServiceLog : IDisposable
{
    private readonly Lock _gate = new();
    private readonly StreamWriter _writer;
    private bool _disposed;

    public ServiceLog(string path)
    {
        Path = path;
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
        _writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)) { AutoFlush = true };
    }

    public string Path { get; }

    public void Write(string line)
    {
        lock (_gate)
        {
            // Output of a killed process can still trickle in after the run is over.
            if (!_disposed)
            {
                _writer.WriteLine(line);
            }
        }
    }

    /// <summary>The last <paramref name="lines"/> lines written so far.</summary>
    public string Tail(int lines)
    {
        lock (_gate)
        {
            using var stream = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream, Encoding.UTF8);
            var tail = new Queue<string>(lines + 1);
            while (reader.ReadLine() is { } line)
            {
                tail.Enqueue(line);
                if (tail.Count > lines)
                {
                    tail.Dequeue();
                }
            }

            return string.Join(Environment.NewLine, tail);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _writer.Dispose();
        }
    }
}
