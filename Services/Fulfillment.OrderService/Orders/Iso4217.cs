using System.Collections.Frozen;

namespace Fulfillment.OrderService.Orders;

/// <summary>Active ISO 4217 currency codes that money can be paid in.</summary>
/// <remarks>
/// A fixed list rather than the runtime's culture data: the service runs with invariant globalization, and the list must
/// be the same on every machine. Fund codes, precious metals and testing codes (XAU, XDR, XTS, XXX, BOV, CLF, ...) are
/// left out: an order is not paid in them. Withdrawn codes are out as well (HRK 2023, SLL and ZWL 2024, ANG replaced by
/// XCG in 2025, BGN with the euro in 2026).
/// </remarks>
internal static class Iso4217
{
    public static FrozenSet<string> ActiveCodes { get; } = new[]
    {
        "AED", "AFN", "ALL", "AMD", "AOA", "ARS", "AUD", "AWG", "AZN", "BAM", "BBD", "BDT", "BHD", "BIF", "BMD", "BND",
        "BOB", "BRL", "BSD", "BTN", "BWP", "BYN", "BZD", "CAD", "CDF", "CHF", "CLP", "CNY", "COP", "CRC", "CUP", "CVE",
        "CZK", "DJF", "DKK", "DOP", "DZD", "EGP", "ERN", "ETB", "EUR", "FJD", "FKP", "GBP", "GEL", "GHS", "GIP", "GMD",
        "GNF", "GTQ", "GYD", "HKD", "HNL", "HTG", "HUF", "IDR", "ILS", "INR", "IQD", "IRR", "ISK", "JMD", "JOD", "JPY",
        "KES", "KGS", "KHR", "KMF", "KPW", "KRW", "KWD", "KYD", "KZT", "LAK", "LBP", "LKR", "LRD", "LSL", "LYD", "MAD",
        "MDL", "MGA", "MKD", "MMK", "MNT", "MOP", "MRU", "MUR", "MVR", "MWK", "MXN", "MYR", "MZN", "NAD", "NGN", "NIO",
        "NOK", "NPR", "NZD", "OMR", "PAB", "PEN", "PGK", "PHP", "PKR", "PLN", "PYG", "QAR", "RON", "RSD", "RUB", "RWF",
        "SAR", "SBD", "SCR", "SDG", "SEK", "SGD", "SHP", "SLE", "SOS", "SRD", "SSP", "STN", "SVC", "SYP", "SZL", "THB",
        "TJS", "TMT", "TND", "TOP", "TRY", "TTD", "TWD", "TZS", "UAH", "UGX", "USD", "UYU", "UZS", "VED", "VES", "VND",
        "VUV", "WST", "XAF", "XCD", "XCG", "XOF", "XPF", "YER", "ZAR", "ZMW", "ZWG",
    }.ToFrozenSet(StringComparer.Ordinal);

    public static bool IsActive(string code) => ActiveCodes.Contains(code);
}
