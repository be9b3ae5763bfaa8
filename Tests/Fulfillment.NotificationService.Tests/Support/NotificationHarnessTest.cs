using Fulfillment.Testing;
using NUnit.Framework;

namespace Fulfillment.NotificationService.Tests.Support;

/// <summary>
/// Base of the fixtures on <see cref="NotificationHarness"/>: one smtp4dev per fixture, emptied before each test, and
/// a fresh harness and database for each test.
/// </summary>
public abstract class NotificationHarnessTest
{
    protected Smtp4devServer Smtp { get; private set; } = null!;

    protected NotificationHarness Notifications { get; private set; } = null!;

    [OneTimeSetUp]
    public async Task StartSmtpAsync() => Smtp = await Smtp4devServer.StartAsync();

    [OneTimeTearDown]
    public async Task StopSmtpAsync() => await Smtp.DisposeAsync();

    [SetUp]
    public async Task StartHarnessAsync()
    {
        await Smtp.ClearAsync();
        Notifications = await NotificationHarness.StartAsync(Smtp);
    }

    [TearDown]
    public async Task StopHarnessAsync() => await Notifications.DisposeAsync();
}
