using NUnit.Framework.Interfaces;

namespace Fulfillment.EndToEnd.Tests.Support;

/// <summary>
/// Base of every end-to-end fixture: the platform's APIs, and on a failure the tail of each service's log in the
/// test output (the full logs are attached), since the cause of an end-to-end failure is usually in another process.
/// </summary>
public abstract class EndToEndTest
{
    private const int TailLines = 30;

    protected static Platform Platform => Platform.Current;

    protected static PlatformApi Api => new(Platform.Current);

    [TearDown]
    public void ReportServiceLogsOnFailure()
    {
        if (TestContext.CurrentContext.Result.Outcome.Status != TestStatus.Failed)
        {
            return;
        }

        // Set-up failures already carry the logs; then there is no platform to ask.
        foreach (var service in Platform.Running?.Services ?? [])
        {
            TestContext.Out.WriteLine($"----- {service.Name}: last {TailLines} lines of {service.Log.Path}");
            TestContext.Out.WriteLine(service.Log.Tail(TailLines));
            TestContext.AddTestAttachment(service.Log.Path, $"{service.Name} log");
        }
    }
}
