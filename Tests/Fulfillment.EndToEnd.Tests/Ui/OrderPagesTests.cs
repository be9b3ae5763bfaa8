using System.Globalization;
using Fulfillment.EndToEnd.Tests.Api;
using Fulfillment.Messages;
using Fulfillment.Testing.Processes;

namespace Fulfillment.EndToEnd.Tests.Ui;

/// <summary>
/// The order pages in a real browser: the form posts to order-service (CORS), the pages follow the order by
/// Server-Sent Events that query-api sends when the read model commits, not by polling or reloading.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class OrderPagesTests : BrowserTest
{
    [Test]
    public async Task An_order_placed_from_the_form_reaches_DELIVERY_ASSIGNED_and_its_ETA_updates_without_a_reload()
    {
        var customer = OrderBodies.UniqueCustomer("ui");
        await Page.GotoAsync("/ui/");
        await Expect(Page.Locator("#live-status")).ToHaveTextAsync("Live");
        await Page.GetByLabel("Customer id").FillAsync(customer);
        await Page.Locator("#sku-SKU-001-quantity").FillAsync("2");
        // Versailles: far from every driver, so the delivery stays on the road and its ETA keeps updating.
        await Page.GetByLabel("Place", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Versailles" });
        await Page.GetByRole(AriaRole.Button, new() { Name = "Place order" }).ClickAsync();

        var link = Page.Locator("#placed-order-link");
        var orderId = (await link.TextContentAsync())!;
        // The recent-orders list shows it by push, on a page nobody reloaded.
        var row = Page.Locator($"#order-rows tr[data-order-id='{orderId}']");
        await Expect(row).ToBeVisibleAsync();
        await Expect(row.Locator(".status")).ToHaveTextAsync(OrderStatuses.DeliveryAssigned);
        await SaveScreenshotAsync("home");

        var reads = 0;
        Page.Request += (_, request) =>
        {
            if (request.Url.StartsWith($"{QueryApiUrl}/api/orders/{orderId}", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref reads);
            }
        };
        await link.ClickAsync();
        await Expect(Page.Locator("#order-status .status")).ToHaveTextAsync(OrderStatuses.DeliveryAssigned);
        await Expect(Page.Locator("#stepper li[aria-current='step']")).ToHaveAttributeAsync("data-step", OrderStatuses.DeliveryAssigned);
        await Page.EvaluateAsync("() => { window.sameDocument = true; }");
        var sequence = await EtaSequenceAsync();
        var readsBefore = Volatile.Read(ref reads);

        await Page.WaitForFunctionAsync(
            "s => Number(document.querySelector('#eta-sequence').textContent) >= s", sequence + 2, new() { Timeout = Patience });

        using (Assert.EnterMultipleScope())
        {
            Assert.That(await Page.EvaluateAsync<bool>("() => window.sameDocument === true"), Is.True, "the page was not reloaded");
            Assert.That(Volatile.Read(ref reads), Is.EqualTo(readsBefore), "the new ETAs came by push: the page read the order no more");
            Assert.That(await Page.Locator("#countdown").TextContentAsync(), Does.Match(@"^\d+(:\d\d)+$"), "an ETA countdown");
            Assert.That(await Page.Locator("svg.map [data-marker='driver']").CountAsync(), Is.EqualTo(1), "the driver on the map");
            Assert.That(await Page.Locator("svg.map [data-marker='destination']").CountAsync(), Is.EqualTo(1), "the destination on the map");
            Assert.That(await Page.Locator("#timeline tr[data-event-type='eta.updated']").CountAsync(), Is.GreaterThanOrEqualTo(2));
            Assert.That(await Page.Locator("#saga-history tr").CountAsync(), Is.GreaterThanOrEqualTo(4), "the saga's transitions");
            Assert.That(await Page.Locator("#details").TextContentAsync(), Does.Contain(customer).And.Contain("AUTH-"));
        }

        await SaveScreenshotAsync("tracking");
    }

    [Test]
    public async Task An_out_of_stock_order_shows_INVENTORY_REJECTED()
    {
        await Page.GotoAsync("/ui/");
        await Page.GetByLabel("Customer id").FillAsync(OrderBodies.UniqueCustomer("ui-oos"));
        // More than SKU-LOW ever holds (3 units), within what order-service accepts.
        await Page.Locator("#sku-SKU-LOW-quantity").FillAsync("1000");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Place order" }).ClickAsync();
        await Page.Locator("#placed-order-link").ClickAsync();

        await Expect(Page.Locator("#order-status .status")).ToHaveTextAsync(OrderStatuses.InventoryRejected);
        await Expect(Page.Locator("#stepper li[data-failed='true']")).ToHaveAttributeAsync("data-step", OrderStatuses.InventoryRejected);
        await Expect(Page.Locator("#details")).ToContainTextAsync("Out of stock");
        await Expect(Page.Locator("#cancel-area")).ToBeHiddenAsync();
    }

    [Test]
    public async Task The_cancel_button_cancels_a_waiting_order_and_the_page_shows_what_was_given_back()
    {
        PlacedOrder placed;
        await using (await Platform.PauseAsync(ServiceSpec.PaymentService))
        {
            // With payment-service away the order waits at INVENTORY_RESERVED, where a customer may still cancel it.
            placed = await Api.PlaceOrderAsync(OrderBodies.Order(OrderBodies.UniqueCustomer("ui-cancel"), "SKU-010", quantity: 1, unitPrice: 4.00m));
            await Page.GotoAsync($"/ui/orders/{placed.OrderId}");
            await Expect(Page.Locator("#order-status .status")).ToHaveTextAsync(OrderStatuses.InventoryReserved);

            await Page.GetByRole(AriaRole.Button, new() { Name = "Cancel order" }).ClickAsync();

            await Expect(Page.Locator("#cancel-result")).ToContainTextAsync("Cancellation requested");
            await Expect(Page.Locator("#order-status .status")).ToHaveTextAsync(OrderStatuses.Cancelled);
        }

        await Expect(Page.Locator("#details")).ToContainTextAsync("Stock released");
        await Expect(Page.Locator("#details")).ToContainTextAsync("Cancel requested");
        await Expect(Page.Locator("#cancel-area")).ToBeHiddenAsync();
        // payment-service, back, reads the reservation and the cancel from two topics in either order: it declines the
        // order, or authorizes it and then refunds it (decision 0019). Either way nothing is kept.
        var order = await Api.WaitForOrderAsync(
            placed.OrderId, o => o.CountOf(EventTypes.PaymentFailed) + o.CountOf(EventTypes.PaymentRefunded) == 1, "payment settled after the cancel");
        Assert.That(order.CountOf(EventTypes.PaymentRefunded), Is.EqualTo(order.CountOf(EventTypes.PaymentAuthorized)), "refunded ⇔ authorized");
    }

    [Test]
    public async Task A_validation_error_of_order_service_is_shown_at_its_field()
    {
        await Page.GotoAsync("/ui/");
        await Expect(Page.Locator("#sku-SKU-002-quantity")).ToBeVisibleAsync();
        // No customer id, and more of SKU-002 than order-service allows in a line (Orders:MaxQuantity, 1000).
        await Page.Locator("#sku-SKU-002-quantity").FillAsync("5000");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Place order" }).ClickAsync();

        await Expect(Page.Locator("#sku-SKU-002-error")).ToContainTextAsync("at most 1000");
        await Expect(Page.Locator("#sku-SKU-002-quantity")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(Page.Locator("#customer-error")).ToContainTextAsync("customerId");
        await Expect(Page.GetByLabel("Customer id")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(Page.Locator("#placed-order-link")).ToHaveCountAsync(0);
        Assert.That(await Page.Locator("#sku-SKU-001-error").TextContentAsync(), Is.Empty, "a valid line has no error");
    }

    [Test]
    public async Task The_tracking_page_reconnects_after_a_query_api_restart_and_catches_up()
    {
        var placed = await Api.PlaceOrderAsync(OrderBodies.Order(OrderBodies.UniqueCustomer("ui-restart")));
        await Page.GotoAsync($"/ui/orders/{placed.OrderId}");
        await Expect(Page.Locator("#order-status .status")).ToHaveTextAsync(OrderStatuses.DeliveryAssigned);
        await Page.EvaluateAsync("() => { window.sameDocument = true; }");

        await Platform.RestartAsync(ServiceSpec.QueryApi);
        // Read after the restart: whatever the page showed before, it must move past what query-api has now.
        var current = await Api.WaitForOrderAsync(placed.OrderId, o => o.Delivery?.EtaSequence is not null, "with an ETA");
        var after = current.Delivery!.EtaSequence!.Value + 1;

        await Expect(Page.Locator("#live-status")).ToHaveTextAsync("Live");
        await Page.WaitForFunctionAsync(
            "s => Number(document.querySelector('#eta-sequence').textContent) >= s", after, new() { Timeout = Patience });
        Assert.That(await Page.EvaluateAsync<bool>("() => window.sameDocument === true"), Is.True, "the page was not reloaded");
    }

    private async Task<int> EtaSequenceAsync() =>
        int.Parse((await Page.Locator("#eta-sequence").TextContentAsync())!, CultureInfo.InvariantCulture);
}
