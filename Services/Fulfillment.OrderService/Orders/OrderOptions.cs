using System.ComponentModel.DataAnnotations;

namespace Fulfillment.OrderService.Orders;

/// <summary>Limits on what <c>POST /api/orders</c> accepts (section <c>Orders</c>).</summary>
/// <remarks>
/// Every limit is far above any real basket; they exist so that one request cannot make the service allocate, store or
/// publish an unbounded amount, and so that amounts always fit the <c>numeric</c> columns.
/// </remarks>
public sealed class OrderOptions
{
    public const string SectionName = "Orders";

    /// <summary>Largest request body read; more answers 413. Enforced while reading, so it holds on any server.</summary>
    [Range(1024, 1024 * 1024)]
    public int MaxBodyBytes { get; set; } = 64 * 1024;

    [Range(1, 1000)]
    public int MaxItems { get; set; } = 100;

    [Range(1, 1_000_000)]
    public int MaxQuantity { get; set; } = 1000;

    /// <summary>Largest unit price, in the order's currency; keeps totals within numeric(20,4).</summary>
    [Range(typeof(decimal), "1", "1000000000")]
    public decimal MaxUnitPrice { get; set; } = 1_000_000m;

    /// <summary>Decimal places a unit price may carry (the columns keep four).</summary>
    [Range(0, 4)]
    public int MaxPriceDecimals { get; set; } = 4;

    /// <summary>customerId and sku length (the columns are varchar(64)).</summary>
    [Range(1, 64)]
    public int MaxIdentifierLength { get; set; } = 64;

    /// <summary>Idempotency-Key and X-Correlation-Id length (the columns are varchar(128)).</summary>
    [Range(1, 128)]
    public int MaxHeaderValueLength { get; set; } = 128;
}
