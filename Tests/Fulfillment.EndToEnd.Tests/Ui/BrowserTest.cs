using Fulfillment.Testing.Processes;

namespace Fulfillment.EndToEnd.Tests.Ui;

/// <summary>
/// Base of the UI fixtures: Debian's Chromium (<see cref="ChromiumPath"/>, headless, no browser download) driven by
/// Playwright against query-api's pages of the running platform, one fresh browser context per test. A failing test
/// attaches a screenshot of where the page was.
/// </summary>
public abstract class BrowserTest : EndToEndTest
{
    /// <summary>Debian's package <c>chromium</c> (deploy/scripts/bootstrap.sh installs it); override with FULFILLMENT_CHROMIUM.</summary>
    public static readonly string ChromiumPath = Environment.GetEnvironmentVariable("FULFILLMENT_CHROMIUM") ?? "/usr/bin/chromium";

    /// <summary>A bound for what the pages wait on (the platform's own patience), not a timing claim.</summary>
    protected static readonly float Patience = (float)PlatformApi.Patience.TotalMilliseconds;

    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private IBrowserContext? _context;

    protected IPage Page { get; private set; } = null!;

    /// <summary>query-api's base URL: the UI's origin.</summary>
    protected static string QueryApiUrl => Platform.UrlOf(ServiceSpec.QueryApi);

    [OneTimeSetUp]
    public async Task LaunchBrowserAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            Assert.Fail($"No Chromium at {ChromiumPath}: run deploy/scripts/bootstrap.sh (apt-get install -y chromium) or set FULFILLMENT_CHROMIUM.");
        }

        Assertions.SetDefaultExpectTimeout(Patience);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ChromiumPath, Headless = true });
    }

    [SetUp]
    public async Task OpenPageAsync()
    {
        _context = await _browser!.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = QueryApiUrl,
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        _context.SetDefaultTimeout(Patience);
        Page = await _context.NewPageAsync();
    }

    [TearDown]
    public async Task ClosePageAsync()
    {
        if (TestContext.CurrentContext.Result.Outcome.Status == NUnit.Framework.Interfaces.TestStatus.Failed && _context is not null)
        {
            var path = Path.Combine(TestContext.CurrentContext.WorkDirectory, $"ui-failure-{TestContext.CurrentContext.Test.Name}.png");
            await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
            TestContext.AddTestAttachment(path, "the page when the test failed");
        }

        if (_context is not null)
        {
            await _context.CloseAsync();
            _context = null;
        }
    }

    [OneTimeTearDown]
    public async Task CloseBrowserAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }

        _playwright?.Dispose();
    }

    /// <summary>
    /// Saves the page as <paramref name="name"/>.png in the test run's directory and attaches it; with
    /// <c>UI_SCREENSHOTS=docs</c> in docs/screenshots instead, the pictures README shows (so a plain test run leaves the
    /// working tree as it found it).
    /// </summary>
    protected async Task SaveScreenshotAsync(string name)
    {
        var directory = Environment.GetEnvironmentVariable("UI_SCREENSHOTS") == "docs"
            ? Path.Combine(BuildOutput.RepositoryRoot, "docs", "screenshots")
            : Path.Combine(TestContext.CurrentContext.WorkDirectory, "ui-screenshots");
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, name + ".png");
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        TestContext.AddTestAttachment(path, name);
    }
}
