using Fulfillment.Testing;
using NUnit.Framework;

namespace Fulfillment.NotificationService.Tests.Support;

/// <summary>The kit's smtp4dev fixture: it says how to install the tool rather than skip silently.</summary>
[TestFixture]
[NonParallelizable]
public sealed class Smtp4devServerTests
{
    [Test]
    public void A_missing_smtp4dev_says_how_to_install_it()
    {
        var previous = Environment.GetEnvironmentVariable("SMTP4DEV_PATH");
        Environment.SetEnvironmentVariable("SMTP4DEV_PATH", "/nonexistent/smtp4dev");
        try
        {
            Assert.That(
                async () => await Smtp4devServer.StartAsync(),
                Throws.InvalidOperationException.With.Message.Contains("deploy/scripts/bootstrap.sh").And.Message.Contains("Rnwood.Smtp4dev --version 3.15.0"));
        }
        finally
        {
            Environment.SetEnvironmentVariable("SMTP4DEV_PATH", previous);
        }
    }
}
