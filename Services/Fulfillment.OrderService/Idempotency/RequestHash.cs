using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Fulfillment.OrderService.Orders;

namespace Fulfillment.OrderService.Idempotency;

/// <summary>
/// SHA-256 of the canonical form of a validated request, stored with its Idempotency-Key. Canonical: fixed field order,
/// no whitespace, amounts without trailing zeros, doubles in round-trip form, so that bodies that mean the same order
/// (different spacing, field order, 10.50 vs 10.5, unknown extra fields) hash the same and any real difference does not.
/// </summary>
/// <remarks>
/// <c>customerEmail</c> is written only when the request has one, so a request without it hashes exactly as before the
/// field existed: a key stored by an older build still replays.
/// </remarks>
public static class RequestHash
{
    public static string Compute(PlaceOrderCommand command)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("customerId", command.CustomerId);
            writer.WriteString("currency", command.Currency);
            writer.WriteString("latitude", command.DeliveryAddress.Latitude.ToString("R", CultureInfo.InvariantCulture));
            writer.WriteString("longitude", command.DeliveryAddress.Longitude.ToString("R", CultureInfo.InvariantCulture));
            writer.WriteStartArray("items");
            foreach (var item in command.Items)
            {
                writer.WriteStartObject();
                writer.WriteString("sku", item.Sku);
                writer.WriteNumber("quantity", item.Quantity);
                writer.WriteString("unitPrice", Money.Normalize(item.UnitPrice).ToString(CultureInfo.InvariantCulture));
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            if (command.CustomerEmail is { } email)
            {
                writer.WriteString("customerEmail", email);
            }

            writer.WriteEndObject();
        }

        return Convert.ToHexStringLower(SHA256.HashData(buffer.GetBuffer().AsSpan(0, (int)buffer.Length)));
    }
}
