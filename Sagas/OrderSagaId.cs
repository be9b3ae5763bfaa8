using System.Security.Cryptography;
using System.Text;

namespace Fulfillment.Sagas;

/// <summary>The saga's correlation id for an order id.</summary>
/// <remarks>
/// Order ids are UUID strings, and then the saga id is that UUID, so an order is found under the id everyone already
/// knows. Anything else still needs a stable id (a producer that does not follow the contract must not break the
/// saga): a name-based UUID (RFC 9562 version 8, SHA-256 of a fixed namespace and the UTF-8 id), the same on every
/// instance and across restarts.
/// </remarks>
public static class OrderSagaId
{
    /// <summary>The namespace of name-based order ids; never change it, or existing sagas are no longer found.</summary>
    public static readonly Guid Namespace = new("6f1d7c54-2b8e-4f0a-9c3d-5e7a1b2c4d60");

    public static Guid From(string orderId)
    {
        ArgumentNullException.ThrowIfNull(orderId);
        return Guid.TryParse(orderId, out var id) ? id : NameBased(orderId);
    }

    private static Guid NameBased(string name)
    {
        var nameBytes = Encoding.UTF8.GetBytes(name);
        var input = new byte[16 + nameBytes.Length];
        Namespace.TryWriteBytes(input, bigEndian: true, out _);
        nameBytes.CopyTo(input, 16);

        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(input, hash);
        var bytes = hash[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80); // version 8
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // RFC 9562 variant
        return new Guid(bytes, bigEndian: true);
    }
}
