namespace Fulfillment.OrderService.Http;

/// <summary>Reads an optional single-valued header made of visible ASCII, such as Idempotency-Key or X-Correlation-Id.</summary>
public static class HeaderToken
{
    /// <summary>The header's value; null when it is absent or invalid (then an error is recorded under its name).</summary>
    public static string? Read(HttpRequest request, string name, int maxLength, ValidationErrors errors)
    {
        var values = request.Headers[name];
        if (values.Count == 0)
        {
            return null;
        }

        if (values.Count > 1)
        {
            errors.Add(name, $"Send at most one {name} header.");
            return null;
        }

        var value = values[0];
        // Visible ASCII only: the value travels in Kafka headers, logs and keys, where anything else is trouble.
        if (string.IsNullOrEmpty(value) || value.Length > maxLength || !value.All(c => c is >= '!' and <= '~'))
        {
            errors.Add(name, $"{name} must be 1 to {maxLength} visible ASCII characters.");
            return null;
        }

        return value;
    }
}
