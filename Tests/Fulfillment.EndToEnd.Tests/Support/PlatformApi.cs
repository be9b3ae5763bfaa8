using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Fulfillment.EndToEnd.Tests.Api;
using Fulfillment.Testing;
using Fulfillment.Testing.Processes;

namespace Fulfillment.EndToEnd.Tests.Support;

/// <summary>The platform's public HTTP APIs as the tests use them: plain requests to the services' ports.</summary>
public sealed class PlatformApi(Platform platform)
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";
    public const string CorrelationIdHeader = "X-Correlation-Id";
    public const string ApiKeyHeader = "X-Api-Key";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// How long a wait on the platform may take before it fails: more than the kit's default, because an event crosses
    /// five service processes, Kafka and PostgreSQL on a small, shared machine. A bound, not a timing claim.
    /// </summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(45);

    private HttpClient Orders => platform.Client(ServiceSpec.OrderService);

    private HttpClient Query => platform.Client(ServiceSpec.QueryApi);

    private HttpClient Inventory => platform.Client(ServiceSpec.InventoryService);

    private HttpClient Payments => platform.Client(ServiceSpec.PaymentService);

    private HttpClient Invoices => platform.Client(ServiceSpec.InvoiceService);

    private HttpClient Notifications => platform.Client(ServiceSpec.NotificationService);

    public static StringContent JsonBody(JsonNode body) => JsonBody(body.ToJsonString());

    public static StringContent JsonBody(string json) => new(json, Encoding.UTF8, "application/json");

    // ---- order-service ----

    public Task<HttpResponseMessage> SendOrderAsync(HttpContent content, string? idempotencyKey = null, string? correlationId = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/orders") { Content = content };
        if (idempotencyKey is not null)
        {
            request.Headers.Add(IdempotencyKeyHeader, idempotencyKey);
        }

        if (correlationId is not null)
        {
            request.Headers.Add(CorrelationIdHeader, correlationId);
        }

        return Orders.SendAsync(request);
    }

    /// <summary>Places a valid order and checks it was accepted as a new one (202).</summary>
    public async Task<PlacedOrder> PlaceOrderAsync(JsonObject body, string? idempotencyKey = null, string? correlationId = null)
    {
        using var response = await SendOrderAsync(JsonBody(body), idempotencyKey, correlationId);
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), $"POST /api/orders answered: {text}");
        return JsonSerializer.Deserialize<PlacedOrder>(text, Json)!;
    }

    /// <summary>The customer's cancel (<c>POST /api/orders/{orderId}/cancel</c>), answered as it is: 202, 404 or 409.</summary>
    public Task<HttpResponseMessage> CancelOrderAsync(string orderId, string reason = "changed my mind") =>
        Orders.PostAsync($"/api/orders/{orderId}/cancel", JsonBody(new JsonObject { ["reason"] = reason }));

    public Task<OwnOrderView?> FindOwnOrderAsync(string orderId) => GetOrNullAsync<OwnOrderView>(Orders, $"/api/orders/{orderId}");

    public async Task<OwnOrderView> WaitForOwnOrderAsync(string orderId, Func<OwnOrderView, bool> done, string what) =>
        (await Eventually.ReturnsAsync(() => FindOwnOrderAsync(orderId), o => o is not null && done(o), what: $"order {orderId} in order-service: {what}", timeout: Patience))!;

    // ---- invoice-service, notification-service ----

    public Task<List<InvoiceView>> ListInvoicesAsync(string orderId) => GetAsync<List<InvoiceView>>(Invoices, $"/api/invoices?orderId={orderId}");

    public Task<List<NotificationView>> ListNotificationsAsync(string orderId) =>
        GetAsync<List<NotificationView>>(Notifications, $"/api/notifications?orderId={orderId}");

    // ---- query-api ----

    public Task<OrderDetails?> FindOrderAsync(string orderId) => GetOrNullAsync<OrderDetails>(Query, $"/api/orders/{orderId}");

    public Task<SagaView?> FindSagaAsync(string orderId) => GetOrNullAsync<SagaView>(Query, $"/api/sagas/{orderId}");

    public async Task<OrderDetails> WaitForOrderAsync(string orderId, Func<OrderDetails, bool> done, string what, TimeSpan? timeout = null) =>
        (await Eventually.ReturnsAsync(() => FindOrderAsync(orderId), o => o is not null && done(o), what: $"order {orderId} in query-api: {what}", timeout: timeout ?? Patience))!;

    public async Task<SagaView> WaitForSagaAsync(string orderId, Func<SagaView, bool> done, string what, TimeSpan? timeout = null) =>
        (await Eventually.ReturnsAsync(() => FindSagaAsync(orderId), s => s is not null && done(s), what: $"saga of order {orderId}: {what}", timeout: timeout ?? Patience))!;

    /// <summary>Every order of the read model, all pages.</summary>
    public async Task<IReadOnlyList<OrderSummary>> ListOrdersAsync()
    {
        var all = new List<OrderSummary>();
        for (var page = 1; ; page++)
        {
            var listing = await GetAsync<Page<OrderSummary>>(Query, string.Create(CultureInfo.InvariantCulture, $"/api/orders?page={page}&pageSize=100"));
            all.AddRange(listing.Items);
            if (listing.Items.Count == 0 || all.Count >= listing.TotalCount)
            {
                return all;
            }
        }
    }

    public async Task<IReadOnlyList<OrderSummary>> ListOrdersOfAsync(Func<string, bool> customer) =>
        [.. (await ListOrdersAsync()).Where(o => o.CustomerId is { } id && customer(id))];

    public Task<Page<DeadLetterSummary>> ListDeadLettersAsync(string topic) =>
        GetAsync<Page<DeadLetterSummary>>(Query, $"/api/admin/dlq?topic={topic}&pageSize=100", admin: true);

    public Task<DeadLetterDetails> GetDeadLetterAsync(long id) =>
        GetAsync<DeadLetterDetails>(Query, string.Create(CultureInfo.InvariantCulture, $"/api/admin/dlq/{id}"), admin: true);

    public Task<HttpResponseMessage> SendAdminAsync(HttpMethod method, string path, string? apiKey)
    {
        var request = new HttpRequestMessage(method, path);
        if (apiKey is not null)
        {
            request.Headers.Add(ApiKeyHeader, apiKey);
        }

        return Query.SendAsync(request);
    }

    public async Task<DeadLetterReplay> ReplayDeadLetterAsync(long id)
    {
        using var response = await SendAdminAsync(HttpMethod.Post, string.Create(CultureInfo.InvariantCulture, $"/api/admin/dlq/{id}/replay"), platform.AdminApiKey);
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), $"POST /api/admin/dlq/{id}/replay answered: {text}");
        return JsonSerializer.Deserialize<DeadLetterReplay>(text, Json)!;
    }

    // ---- inventory-service and payment-service inspection ----

    public Task<StockLevel> GetStockAsync(string sku) => GetAsync<StockLevel>(Inventory, $"/api/stock/{sku}");

    public Task<ReservationView?> FindReservationAsync(string orderId) => GetOrNullAsync<ReservationView>(Inventory, $"/api/reservations/{orderId}");

    public Task<PaymentView?> FindPaymentAsync(string orderId) => GetOrNullAsync<PaymentView>(Payments, $"/api/payments/{orderId}");

    private async Task<T> GetAsync<T>(HttpClient client, string path, bool admin = false)
        where T : class =>
        await GetOrNullAsync<T>(client, path, admin) ?? throw new AssertionException($"GET {client.BaseAddress}{path.TrimStart('/')} answered 404.");

    private async Task<T?> GetOrNullAsync<T>(HttpClient client, string path, bool admin = false)
        where T : class
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (admin)
        {
            request.Headers.Add(ApiKeyHeader, platform.AdminApiKey);
        }

        using var response = await client.SendAsync(request);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        if (response.StatusCode != HttpStatusCode.OK)
        {
            Assert.Fail($"GET {client.BaseAddress}{path.TrimStart('/')} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        return await response.Content.ReadFromJsonAsync<T>(Json);
    }
}
