using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace Fulfillment.LoadBenchmark;

/// <summary>
/// Order requests: a unique customer per order, <see cref="LoadOptions.Lines"/> distinct SKUs of quantity 1 chosen
/// uniformly over <see cref="LoadOptions.Skus"/> or with a hot set (<see cref="LoadOptions.HotShare"/> of the lines on
/// the first <see cref="LoadOptions.HotSkus"/>), delivered within half the fleet's radius of its centre. Not
/// thread-safe: the scheduler builds every body on its one loop.
/// </summary>
public sealed class OrderBodyFactory(LoadOptions options, string runId)
{
    /// <summary>The price of every line (quantity 1).</summary>
    public const decimal UnitPrice = 9.90m;

    private const double KmPerDegreeLatitude = 111.32;
    private readonly Random _random = new(42);
    private readonly HashSet<int> _chosen = [];
    private readonly List<int> _lines = [];

    /// <summary>The inventory service's generated SKU names: <c>SKU-00001</c>, <c>SKU-00002</c>, ...</summary>
    public static string Sku(int number) => "SKU-" + number.ToString("D5", CultureInfo.InvariantCulture);

    public string CustomerOf(long index) => string.Create(CultureInfo.InvariantCulture, $"lb-{runId}-{index}");

    public byte[] Create(long index)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("customerId", CustomerOf(index));
            json.WriteString("currency", "EUR");
            json.WriteStartArray("items");
            foreach (var sku in NextSkus())
            {
                json.WriteStartObject();
                json.WriteString("sku", Sku(sku));
                json.WriteNumber("quantity", 1);
                json.WriteNumber("unitPrice", UnitPrice);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            var (latitude, longitude) = NextAddress();
            json.WriteStartObject("deliveryAddress");
            json.WriteNumber("latitude", Math.Round(latitude, 6));
            json.WriteNumber("longitude", Math.Round(longitude, 6));
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The SKU numbers of the next order's lines (distinct, in the order drawn); valid until the next call.</summary>
    public IReadOnlyList<int> NextSkus()
    {
        _chosen.Clear();
        _lines.Clear();
        while (_chosen.Count < options.Lines)
        {
            var sku = NextSku();
            if (_chosen.Add(sku))
            {
                _lines.Add(sku);
            }
        }

        return _lines;
    }

    private int NextSku()
    {
        var hot = options.HotSkus;
        if (hot == 0 || hot == options.Skus)
        {
            return _random.Next(1, options.Skus + 1);
        }

        // Once every hot SKU is on this order the remaining lines must come from the cold ones.
        var hotLeft = _chosen.Count(s => s <= hot) < hot;
        var coldLeft = _chosen.Count(s => s > hot) < options.Skus - hot;
        return hotLeft && (!coldLeft || _random.NextDouble() < options.HotShare)
            ? _random.Next(1, hot + 1)
            : _random.Next(hot + 1, options.Skus + 1);
    }

    /// <summary>Uniform over the disc of half the fleet radius around its centre.</summary>
    public (double Latitude, double Longitude) NextAddress()
    {
        var distanceKm = options.FleetRadiusKm / 2 * Math.Sqrt(_random.NextDouble());
        var bearing = 2 * Math.PI * _random.NextDouble();
        var latitude = options.FleetLatitude + distanceKm * Math.Cos(bearing) / KmPerDegreeLatitude;
        var longitude = options.FleetLongitude
            + distanceKm * Math.Sin(bearing) / (KmPerDegreeLatitude * Math.Cos(options.FleetLatitude * Math.PI / 180));
        return (latitude, longitude);
    }
}
