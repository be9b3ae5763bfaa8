namespace Fulfillment.PaymentService.Persistence;

/// <summary>The lower-case names of <see cref="PaymentStatus"/> used in the database and the HTTP API.</summary>
public static class PaymentStatusText
{
    public static string Format(PaymentStatus status) => status switch
    {
        PaymentStatus.Authorized => "authorized",
        PaymentStatus.Declined => "declined",
        PaymentStatus.Refunded => "refunded",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static PaymentStatus Parse(string text) => text switch
    {
        "authorized" => PaymentStatus.Authorized,
        "declined" => PaymentStatus.Declined,
        "refunded" => PaymentStatus.Refunded,
        _ => throw new ArgumentOutOfRangeException(nameof(text), text, null),
    };
}
