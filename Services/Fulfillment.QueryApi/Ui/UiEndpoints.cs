using Fulfillment.QueryApi.Ui.Live;
using Fulfillment.QueryApi.Ui.Pages;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Fulfillment.QueryApi.Ui;

public static class UiEndpoints
{
    /// <summary>
    /// The web UI: <c>/</c> redirects to <c>/ui/</c> (place an order, the live list), <c>/ui/orders/{orderId}</c>
    /// (tracking), <c>/ui/admin/dead-letters</c>; their assets under <c>/ui/assets</c>; the live streams
    /// <c>/ui/live/orders</c> and <c>/ui/live/orders/{orderId}</c> (Server-Sent Events); <c>/ui/api/status-counts</c>.
    /// None of it is in the OpenAPI document: it is the UI, not the API.
    /// </summary>
    public static WebApplication MapUi(this WebApplication app)
    {
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = UiPages.Assets,
            RequestPath = UiPages.AssetsPath,
            OnPrepareResponse = context => context.Context.Response.Headers.CacheControl = "no-cache",
        });

        app.MapGet("/", () => TypedResults.Redirect("/ui/")).ExcludeFromDescription();
        var ui = app.MapGroup("/ui").ExcludeFromDescription();
        ui.MapGet("/", (HttpContext http, UiPages pages) => pages.Page(http, UiPage.Home));
        ui.MapGet("/orders/{orderId}", (HttpContext http, UiPages pages) => pages.Page(http, UiPage.Order));
        ui.MapGet("/admin/dead-letters", (HttpContext http, UiPages pages) => pages.Page(http, UiPage.DeadLetters));
        ui.MapGet("/api/status-counts", StatusCountsAsync);
        ui.MapGet("/live/orders", (OrderChangeHub hub, LiveStreams streams, CancellationToken cancellationToken) =>
            TypedResults.ServerSentEvents(streams.StreamAsync(hub.WatchEveryOrder, cancellationToken)));
        ui.MapGet("/live/orders/{orderId}", (string orderId, OrderChangeHub hub, LiveStreams streams, CancellationToken cancellationToken) =>
            TypedResults.ServerSentEvents(streams.StreamAsync(() => hub.WatchOrder(orderId), cancellationToken)));
        return app;
    }

    private static async Task<Ok<IReadOnlyList<StatusCount>>> StatusCountsAsync(LiveReads reads, CancellationToken cancellationToken) =>
        TypedResults.Ok(await reads.StatusCountsAsync(cancellationToken));
}
