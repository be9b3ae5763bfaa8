namespace Fulfillment.OrderService.Orders;

internal static class Money
{
    // Dividing by 1 written with 28 zero decimals makes decimal drop its trailing zeros (12.50 → 12.5) without changing
    // the value: decimal keeps the scale it was written with, which is presentation, not value.
    private const decimal One = 1.0000000000000000000000000000m;

    public static decimal Normalize(decimal value) => value / One;
}
