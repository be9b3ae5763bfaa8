using System.Net;
using System.Text.Json;
using Fulfillment.Messages;
using Fulfillment.Messaging.Kafka;
using Fulfillment.Testing;

namespace Fulfillment.QueryApi.Tests.Http;

/// <summary>
/// The dead-letter admin on the real host: records produced to a dlq.* topic are recorded by the query-api-dlq group,
/// listed, inspected and replayed to their original topic, where the read model picks them up. JWT authentication is
/// on here, so a token with the admin role opens the API as the key does.
/// </summary>
public sealed class DeadLetterEndpointTests() : QueryApiHostTest(ApiKey, TestTokens.Settings)
{
    private const string ApiKey = "s3cret-admin-key";

    private static readonly byte[] BinaryHeader = [0xC3, 0x28, 0x00, 0xFF];

    private HttpClient _admin = null!;
    private EventEnvelope<OrderCreated> _poison = null!;
    private long _poisonId;

    [OneTimeSetUp]
    public async Task RecordADeadLetterAsync()
    {
        _admin = Factory.CreateAdminClient();

        _poison = Events.ForNewOrder().Created();
        await KafkaTopic.ProduceAsync(
            BootstrapServers,
            Topics.OrderDeadLetters,
            DeadLetterRecords.Message(_poison, Topics.OrderEvents, ("x-binary-trace", BinaryHeader)));
        var listed = await Eventually.ReturnsAsync(
            () => GetJsonAsync(_admin, "/api/admin/dlq"),
            page => page.GetProperty("totalCount").GetInt32() == 1,
            what: "the dead letter is recorded");
        _poisonId = listed.GetProperty("items")[0].GetProperty("id").GetInt64();
    }

    [OneTimeTearDown]
    public void DisposeAdmin() => _admin.Dispose();

    [TestCase("GET", "/api/admin/dlq", null, TestName = "List without a key")]
    [TestCase("GET", "/api/admin/dlq", "wrong", TestName = "List with a wrong key")]
    [TestCase("GET", "/api/admin/dlq/1", null, TestName = "Inspect without a key")]
    [TestCase("GET", "/api/admin/dlq/1", "s3cret-admin-kez", TestName = "Inspect with a near-miss key")]
    [TestCase("POST", "/api/admin/dlq/1/replay", null, TestName = "Replay without a key")]
    [TestCase("POST", "/api/admin/dlq/1/replay", "s3cret-admin-key-and-more", TestName = "Replay with a longer key")]
    public async Task The_admin_api_needs_the_key(string method, string path, string? key)
    {
        var replaysBefore = (await GetLetterAsync(_poisonId)).GetProperty("replayCount").GetInt32();
        using var client = Factory.CreateClient();
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (key is not null)
        {
            request.Headers.Add(QueryApiFactory.ApiKeyHeader, key);
        }

        using var response = await client.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        var details = await GetLetterAsync(_poisonId);
        Assert.That(details.GetProperty("replayCount").GetInt32(), Is.EqualTo(replaysBefore), "a refused request changed nothing");
    }

    [TestCase("role", HttpStatusCode.OK, TestName = "A token with the admin role opens the admin API without the key")]
    [TestCase(null, HttpStatusCode.Unauthorized, TestName = "A customer's token without the key is refused")]
    public async Task A_token_with_the_admin_role_stands_in_for_the_key(string? roleClaim, HttpStatusCode expected)
    {
        using var client = Factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/admin/dlq").WithBearer(TestTokens.For(
            "ops-1", claims: roleClaim is null ? null : new Dictionary<string, object> { [roleClaim] = "admin" }));

        using var response = await client.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(expected), await response.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task The_listing_shows_where_a_dead_letter_came_from_and_why()
    {
        var page = await GetJsonAsync(_admin, $"/api/admin/dlq?topic={Topics.OrderDeadLetters}");
        var empty = await GetJsonAsync(_admin, $"/api/admin/dlq?topic={Topics.DeliveryDeadLetters}");

        var letter = page.GetProperty("items")[0];
        Assert.Multiple(() =>
        {
            Assert.That(page.GetProperty("totalCount").GetInt32(), Is.EqualTo(1));
            Assert.That(letter.GetProperty("topic").GetString(), Is.EqualTo(Topics.OrderDeadLetters));
            Assert.That(letter.GetProperty("key").GetString(), Is.EqualTo(_poison.OrderId));
            Assert.That(letter.GetProperty("eventType").GetString(), Is.EqualTo(EventTypes.OrderCreated));
            Assert.That(letter.GetProperty("originalTopic").GetString(), Is.EqualTo(Topics.OrderEvents));
            Assert.That(letter.GetProperty("consumerGroup").GetString(), Is.EqualTo("inventory-service"));
            Assert.That(letter.GetProperty("exceptionType").GetString(), Is.EqualTo("System.InvalidOperationException"));
            Assert.That(letter.GetProperty("error").GetString(), Is.EqualTo("Poison event for the test"));
            Assert.That(letter.GetProperty("retryCount").GetInt32(), Is.EqualTo(3));
            Assert.That(letter.GetProperty("failedAt").GetDateTimeOffset(), Is.EqualTo(DeadLetterRecords.FailedAt));
            Assert.That(empty.GetProperty("totalCount").GetInt32(), Is.Zero);
        });
    }

    [TestCase("topic=raw.order-events")]
    [TestCase("page=0")]
    [TestCase("pageSize=x")]
    public async Task An_invalid_listing_query_is_a_400_problem(string query)
    {
        using var response = await _admin.GetAsync($"/api/admin/dlq?{query}");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
    }

    [Test]
    public async Task Inspecting_shows_the_headers_and_the_decoded_payload()
    {
        var letter = await GetLetterAsync(_poisonId);

        var headers = letter.GetProperty("headers").EnumerateArray().ToList();
        Assert.Multiple(() =>
        {
            Assert.That(letter.GetProperty("valueJson").GetProperty("eventId").GetGuid(), Is.EqualTo(_poison.EventId));
            Assert.That(letter.GetProperty("valueJson").GetProperty("payload").GetProperty("customerId").GetString(), Is.EqualTo("customer-7"));
            Assert.That(letter.GetProperty("originalPartition").GetInt32(), Is.EqualTo(2));
            Assert.That(letter.GetProperty("originalOffset").GetInt64(), Is.EqualTo(41));
            Assert.That(
                headers.Single(h => h.GetProperty("key").GetString() == RecordHeaders.EventId).GetProperty("value").GetString(),
                Is.EqualTo(_poison.EventId.ToString()));
            Assert.That(
                headers.Single(h => h.GetProperty("key").GetString() == "x-binary-trace").GetProperty("base64").GetString(),
                Is.EqualTo(Convert.ToBase64String(BinaryHeader)));
            Assert.That(headers.Select(h => h.GetProperty("key").GetString()), Is.SupersetOf(RecordHeaders.DeadLetter));
        });
    }

    [Test]
    public async Task An_unknown_dead_letter_is_a_404_problem()
    {
        using var inspect = await _admin.GetAsync("/api/admin/dlq/987654");
        using var replay = await _admin.PostAsync("/api/admin/dlq/987654/replay", content: null);

        Assert.Multiple(() =>
        {
            Assert.That(inspect.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(inspect.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
            Assert.That(replay.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(replay.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        });
    }

    [Test]
    public async Task Replay_puts_the_record_back_on_its_original_topic_as_it_first_was_and_marks_it_replayed()
    {
        using var response = await _admin.PostAsync($"/api/admin/dlq/{_poisonId}/replay", content: null);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        var replay = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        var message = RecordReader.Read(
            BootstrapServers,
            replay.GetProperty("topic").GetString()!,
            replay.GetProperty("partition").GetInt32(),
            replay.GetProperty("offset").GetInt64());
        var details = await GetLetterAsync(_poisonId);
        Assert.Multiple(() =>
        {
            Assert.That(replay.GetProperty("topic").GetString(), Is.EqualTo(Topics.OrderEvents));
            Assert.That(message.Key, Is.EqualTo(_poison.OrderId));
            Assert.That(message.Value, Is.EqualTo(EnvelopeSerializer.Serialize(_poison)));
            Assert.That(
                message.Headers.Select(h => h.Key),
                Is.EqualTo(new[] { RecordHeaders.EventId, RecordHeaders.EventType, RecordHeaders.CorrelationId, RecordHeaders.ContentType, "x-binary-trace" }),
                "the original headers in order, without the dead-letter ones");
            Assert.That(message.Headers.GetLastBytes("x-binary-trace"), Is.EqualTo(BinaryHeader));
            Assert.That(message.Headers.GetUtf8(RecordHeaders.EventId), Is.EqualTo(_poison.EventId.ToString()));
            Assert.That(details.GetProperty("replayCount").GetInt32(), Is.GreaterThanOrEqualTo(1));
            Assert.That(details.GetProperty("replayedAt").ValueKind, Is.EqualTo(JsonValueKind.String));
        });

        // The read model never handled the event (it only ever saw it as a dead letter), so the replay reaches it.
        await Eventually.ReturnsAsync(
            async () =>
            {
                using var order = await _admin.GetAsync($"/api/orders/{_poison.OrderId}");
                return order.StatusCode;
            },
            status => status == HttpStatusCode.OK,
            what: "the replayed order.created is projected");
    }

    [Test]
    public async Task Each_replay_is_counted()
    {
        var before = (await GetLetterAsync(_poisonId)).GetProperty("replayCount").GetInt32();

        using var response = await _admin.PostAsync($"/api/admin/dlq/{_poisonId}/replay", content: null);

        var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Multiple(async () =>
        {
            Assert.That(answer.GetProperty("replayCount").GetInt32(), Is.EqualTo(before + 1));
            Assert.That((await GetLetterAsync(_poisonId)).GetProperty("replayCount").GetInt32(), Is.EqualTo(before + 1));
        });
    }

    [Test]
    public async Task A_dead_letter_naming_no_main_topic_is_not_replayed()
    {
        var envelope = Events.ForNewOrder().Created();
        await KafkaTopic.ProduceAsync(
            BootstrapServers,
            Topics.PaymentDeadLetters,
            DeadLetterRecords.Message(envelope, originalTopic: "some.other-topic"));
        var page = await Eventually.ReturnsAsync(
            () => GetJsonAsync(_admin, $"/api/admin/dlq?topic={Topics.PaymentDeadLetters}"),
            p => p.GetProperty("totalCount").GetInt32() == 1,
            what: "the second dead letter is recorded");
        var id = page.GetProperty("items")[0].GetProperty("id").GetInt64();

        using var response = await _admin.PostAsync($"/api/admin/dlq/{id}/replay", content: null);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That((await GetLetterAsync(id)).GetProperty("replayCount").GetInt32(), Is.Zero);
    }

    private Task<JsonElement> GetLetterAsync(long id) => GetJsonAsync(_admin, $"/api/admin/dlq/{id}");

    private static async Task<JsonElement> GetJsonAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), $"GET {path}");
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }
}
