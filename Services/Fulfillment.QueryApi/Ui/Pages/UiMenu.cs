namespace Fulfillment.QueryApi.Ui.Pages;

/// <summary>The menu entry a page marks as current (<c>aria-current="page"</c>).</summary>
public enum UiMenu
{
    None,
    Orders,
    Admin,
}
