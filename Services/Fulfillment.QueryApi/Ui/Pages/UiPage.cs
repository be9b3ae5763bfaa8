namespace Fulfillment.QueryApi.Ui.Pages;

/// <summary>A page: its content file (the inside of <c>main</c> in layout.html), title, menu entry and scripts.</summary>
public sealed record UiPage(string Content, string Title, UiMenu Menu, params string[] Scripts)
{
    public static UiPage Home { get; } = new("home.html", "Orders", UiMenu.Orders, "home.js");

    public static UiPage Order { get; } = new("order.html", "Order tracking", UiMenu.None, "map.js", "order.js");

    public static UiPage DeadLetters { get; } = new("admin.html", "Dead letters", UiMenu.Admin, "admin.js");

    public static IReadOnlyList<UiPage> All { get; } = [Home, Order, DeadLetters];
}
