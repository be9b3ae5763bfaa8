using System.Text.Json;
using Fulfillment.Messages;
using Fulfillment.OrderService.Http;

namespace Fulfillment.OrderService.Orders;

/// <summary>
/// Turns the parsed body into a <see cref="PlaceOrderCommand"/>, or records every field error (keyed by JSON path, such
/// as <c>items[2].quantity</c>). Walking the document by hand rather than deserializing reports all errors at once and
/// tells "missing" from "wrong type" from "out of range" precisely.
/// </summary>
public sealed class OrderRequestValidator(OrderOptions limits)
{
    /// <param name="root">The body.</param>
    /// <param name="errors">Where field errors go.</param>
    /// <param name="subject">The token's subject when authenticated: then customerId may be left out, and is the subject.</param>
    public PlaceOrderCommand? Validate(JsonElement root, ValidationErrors errors, string? subject = null)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            errors.Add("$", "The body must be a JSON object.");
            return null;
        }

        var customerId = subject is not null && (!TryGetProperty(root, "customerId", out var given) || given.ValueKind == JsonValueKind.Null)
            ? subject
            : ReadIdentifier(root, "customerId", "customerId", errors);
        var items = ReadItems(root, errors);
        var currency = ReadCurrency(root, errors);
        var address = ReadAddress(root, errors);
        var email = ReadEmail(root, errors);
        return errors.IsEmpty && customerId is not null && items is not null && currency is not null && address is not null
            ? new PlaceOrderCommand(customerId, items, currency, address, email)
            : null;
    }

    /// <summary>Optional: absent or null is no address; anything else must be a plausible one.</summary>
    private static string? ReadEmail(JsonElement root, ValidationErrors errors)
    {
        const string Name = "customerEmail";
        if (!TryGetProperty(root, Name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (element.ValueKind != JsonValueKind.String)
        {
            errors.Add(Name, $"{Name} must be a string, not {Describe(element.ValueKind)}.");
            return null;
        }

        if (!TryGetText(element, Name, Name, errors, out var value))
        {
            return null;
        }

        if (CustomerEmail.Problem(value) is { } problem)
        {
            errors.Add(Name, problem);
            return null;
        }

        return value;
    }

    private List<OrderLine>? ReadItems(JsonElement root, ValidationErrors errors)
    {
        if (!TryGetRequired(root, "items", "items", JsonValueKind.Array, "an array", errors, out var array))
        {
            return null;
        }

        var count = array.GetArrayLength();
        if (count == 0)
        {
            errors.Add("items", "An order needs at least one item.");
            return null;
        }

        if (count > limits.MaxItems)
        {
            errors.Add("items", $"An order may have at most {limits.MaxItems} items.");
            return null;
        }

        var lines = new List<OrderLine>(count);
        var index = 0;
        foreach (var item in array.EnumerateArray())
        {
            var path = $"items[{index++}]";
            if (item.ValueKind != JsonValueKind.Object)
            {
                errors.Add(path, "Each item must be an object with sku, quantity and unitPrice.");
                continue;
            }

            var sku = ReadIdentifier(item, "sku", $"{path}.sku", errors);
            var quantity = ReadQuantity(item, $"{path}.quantity", errors);
            var unitPrice = ReadUnitPrice(item, $"{path}.unitPrice", errors);
            if (sku is not null && quantity is { } q && unitPrice is { } p)
            {
                lines.Add(new OrderLine(sku, q, p));
            }
        }

        return lines.Count == count ? lines : null;
    }

    private string? ReadIdentifier(JsonElement parent, string name, string path, ValidationErrors errors)
    {
        if (!TryGetRequired(parent, name, path, JsonValueKind.String, "a string", errors, out var element))
        {
            return null;
        }

        if (!TryGetText(element, name, path, errors, out var value))
        {
            return null;
        }

        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(path, $"{name} must not be empty.");
        }
        else if (value.Length > limits.MaxIdentifierLength)
        {
            errors.Add(path, $"{name} must be at most {limits.MaxIdentifierLength} characters.");
        }
        else if (char.IsWhiteSpace(value[0]) || char.IsWhiteSpace(value[^1]))
        {
            errors.Add(path, $"{name} must not start or end with whitespace.");
        }
        else if (value.Any(char.IsControl))
        {
            errors.Add(path, $"{name} must not contain control characters.");
        }
        else
        {
            return value;
        }

        return null;
    }

    private int? ReadQuantity(JsonElement item, string path, ValidationErrors errors)
    {
        if (!TryGetRequired(item, "quantity", path, JsonValueKind.Number, "a number", errors, out var element))
        {
            return null;
        }

        if (!element.TryGetInt64(out var quantity))
        {
            var raw = element.GetRawText();
            errors.Add(path, raw.AsSpan().IndexOfAny(".eE") >= 0
                ? "quantity must be a whole number (no fraction or exponent)."
                : $"quantity must be between 1 and {limits.MaxQuantity}.");
            return null;
        }

        if (quantity < 1)
        {
            errors.Add(path, "quantity must be at least 1.");
            return null;
        }

        if (quantity > limits.MaxQuantity)
        {
            errors.Add(path, $"quantity must be at most {limits.MaxQuantity}.");
            return null;
        }

        return (int)quantity;
    }

    private decimal? ReadUnitPrice(JsonElement item, string path, ValidationErrors errors)
    {
        if (!TryGetRequired(item, "unitPrice", path, JsonValueKind.Number, "a number", errors, out var element))
        {
            return null;
        }

        // Read as decimal straight from the JSON text: never through double, so 0.1 stays exactly 0.1.
        if (!element.TryGetDecimal(out var price))
        {
            errors.Add(path, $"unitPrice must be an amount between 0 and {limits.MaxUnitPrice}.");
            return null;
        }

        if (price < 0)
        {
            errors.Add(path, "unitPrice must not be negative.");
            return null;
        }

        if (price > limits.MaxUnitPrice)
        {
            errors.Add(path, $"unitPrice must be at most {limits.MaxUnitPrice}.");
            return null;
        }

        if (Money.Normalize(price).Scale > limits.MaxPriceDecimals)
        {
            errors.Add(path, $"unitPrice may have at most {limits.MaxPriceDecimals} decimal places.");
            return null;
        }

        return price;
    }

    private static string? ReadCurrency(JsonElement root, ValidationErrors errors)
    {
        if (!TryGetRequired(root, "currency", "currency", JsonValueKind.String, "a string", errors, out var element))
        {
            return null;
        }

        var code = element.GetString() ?? string.Empty;
        if (code.Length != 3 || !code.All(char.IsAsciiLetterUpper))
        {
            errors.Add("currency", "currency must be a three-letter ISO 4217 code in upper case, such as EUR.");
            return null;
        }

        if (!Iso4217.IsActive(code))
        {
            errors.Add("currency", $"{code} is not an active ISO 4217 currency code.");
            return null;
        }

        return code;
    }

    private static GeoPoint? ReadAddress(JsonElement root, ValidationErrors errors)
    {
        if (!TryGetRequired(root, "deliveryAddress", "deliveryAddress", JsonValueKind.Object, "an object", errors, out var address))
        {
            return null;
        }

        var latitude = ReadCoordinate(address, "latitude", 90, errors);
        var longitude = ReadCoordinate(address, "longitude", 180, errors);
        return latitude is { } lat && longitude is { } lon ? new GeoPoint(lat, lon) : null;
    }

    private static double? ReadCoordinate(JsonElement address, string name, double bound, ValidationErrors errors)
    {
        var path = $"deliveryAddress.{name}";
        if (!TryGetRequired(address, name, path, JsonValueKind.Number, "a number", errors, out var element))
        {
            return null;
        }

        if (!element.TryGetDouble(out var value) || !double.IsFinite(value) || value < -bound || value > bound)
        {
            errors.Add(path, $"{name} must be between {-bound} and {bound} degrees.");
            return null;
        }

        return value;
    }

    /// <summary>A string element's text; false (and a field error) for unpaired surrogate escapes such as "\ud800".</summary>
    private static bool TryGetText(JsonElement element, string name, string path, ValidationErrors errors, out string value)
    {
        try
        {
            value = element.GetString()!;
            return true;
        }
        catch (InvalidOperationException)
        {
            // Not text PostgreSQL (or anyone) can store.
            errors.Add(path, $"{name} must be valid Unicode text.");
            value = string.Empty;
            return false;
        }
    }

    private static bool TryGetRequired(
        JsonElement parent, string name, string path, JsonValueKind kind, string kindName, ValidationErrors errors, out JsonElement value)
    {
        if (!TryGetProperty(parent, name, out value) || value.ValueKind == JsonValueKind.Null)
        {
            errors.Add(path, $"{name} is required.");
            return false;
        }

        if (value.ValueKind != kind)
        {
            errors.Add(path, $"{name} must be {kindName}, not {Describe(value.ValueKind)}.");
            return false;
        }

        return true;
    }

    // Exact name first, then case-insensitively: the same leniency as the web JSON defaults the rest of the API uses.
    private static bool TryGetProperty(JsonElement parent, string name, out JsonElement value)
    {
        if (parent.TryGetProperty(name, out value))
        {
            return true;
        }

        foreach (var property in parent.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                value = property.Value;
                return true;
            }
        }

        return false;
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };
}
