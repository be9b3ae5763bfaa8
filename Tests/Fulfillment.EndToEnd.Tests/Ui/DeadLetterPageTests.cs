using Fulfillment.EndToEnd.Tests.Api;
using Fulfillment.Messages;
using Fulfillment.Testing;
using Fulfillment.Testing.Processes;

namespace Fulfillment.EndToEnd.Tests.Ui;

/// <summary>
/// The dead-letter page: after the admin key, it lists a real poison record (payment-service's gateway failing every
/// call past the retries, as in DeadLetterReplayTests), shows its headers and payload, and replays it once fixed.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class DeadLetterPageTests : BrowserTest
{
    [Test]
    public async Task The_page_lists_inspects_and_replays_a_dead_letter()
    {
        string orderId;
        await Platform.RestartAsync(ServiceSpec.PaymentService, new Dictionary<string, string> { ["Payment__Gateway__TransientFailureRate"] = "1" });
        try
        {
            orderId = (await Api.PlaceOrderAsync(OrderBodies.Order(OrderBodies.UniqueCustomer("ui-dlq"), "SKU-004", quantity: 1))).OrderId;
            await Eventually.ReturnsAsync(
                () => Api.ListDeadLettersAsync(Topics.InventoryDeadLetters),
                page => page.Items.Any(d => d.Key == orderId),
                what: $"a dead letter of order {orderId}",
                timeout: PlatformApi.Patience);
        }
        finally
        {
            await Platform.RestartAsync(ServiceSpec.PaymentService);
        }

        await Page.GotoAsync("/ui/admin/dead-letters");
        await Page.GetByLabel("Admin API key (X-Api-Key)").FillAsync("not-the-key");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Show dead letters" }).ClickAsync();
        await Expect(Page.Locator("#key-result")).ToContainTextAsync("refused");

        await Page.GetByLabel("Admin API key (X-Api-Key)").FillAsync(Platform.AdminApiKey);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Show dead letters" }).ClickAsync();
        var row = Page.Locator($"#letters tr[data-key='{orderId}']");
        await Expect(row).ToContainTextAsync(EventTypes.InventoryReserved);
        await Expect(row).ToContainTextAsync(ServiceSpec.PaymentService.Name);

        await row.GetByRole(AriaRole.Button).ClickAsync();
        await Expect(Page.Locator("#detail-headers")).ToContainTextAsync("x-original-topic");
        await Expect(Page.Locator("#detail-headers")).ToContainTextAsync(Topics.InventoryEvents);
        await Expect(Page.Locator("#detail-payload")).ToContainTextAsync(orderId);
        await SaveScreenshotAsync("admin");

        await Page.GetByRole(AriaRole.Button, new() { Name = "Replay to original topic" }).ClickAsync();
        await Expect(Page.Locator("#replay-result")).ToContainTextAsync($"Replayed to {Topics.InventoryEvents}");
        await Expect(row.Locator("td").Nth(6)).ToHaveTextAsync("1");

        // The replay reached payment-service, healthy now: the order goes on.
        await Api.WaitForOrderAsync(orderId, o => OrderStatuses.IsWithDriver(o.Status), "with a driver after the replay from the page");
    }
}
