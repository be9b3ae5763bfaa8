using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Fulfillment.OrderService.Tests.Support;
using NUnit.Framework;

namespace Fulfillment.OrderService.Tests.Validation;

/// <summary>
/// Every class of bad input answers a problem document and writes nothing. The fixture's database never receives a
/// valid order, so after each case it must still have no order, line, key or outbox row (the relay is off, so an
/// outbox row could not have been published and deleted behind the test's back).
/// </summary>
[TestFixture]
public sealed class BadInputTests : OrderServiceTest
{
    public static IEnumerable<TestCaseData> FieldCases()
    {
        static TestCaseData Case(string name, Action<JsonObject> mutate, string field) =>
            new TestCaseData(mutate, field).SetName($"Field_{name}");

        static JsonObject Item(JsonObject body, int index) => body["items"]![index]!.AsObject();
        static JsonObject Address(JsonObject body) => body["deliveryAddress"]!.AsObject();

        // customerId
        yield return Case("customerId_missing", b => b.Remove("customerId"), "customerId");
        yield return Case("customerId_null", b => b["customerId"] = null, "customerId");
        yield return Case("customerId_empty", b => b["customerId"] = string.Empty, "customerId");
        yield return Case("customerId_blank", b => b["customerId"] = "   ", "customerId");
        yield return Case("customerId_number", b => b["customerId"] = 42, "customerId");
        yield return Case("customerId_65_chars", b => b["customerId"] = new string('c', 65), "customerId");
        yield return Case("customerId_control_character", b => b["customerId"] = "cust\u0001omer", "customerId");
        yield return Case("customerId_padded", b => b["customerId"] = " customer-1", "customerId");

        // items
        yield return Case("items_missing", b => b.Remove("items"), "items");
        yield return Case("items_object", b => b["items"] = new JsonObject(), "items");
        yield return Case("items_empty", b => b["items"] = new JsonArray(), "items");
        yield return Case("items_101", b => b["items"] = new JsonArray([.. Enumerable.Range(0, 101).Select(i =>
            (JsonNode)new JsonObject { ["sku"] = $"SKU-{i}", ["quantity"] = 1, ["unitPrice"] = 1 })]), "items");
        yield return Case("item_not_object", b => b["items"]!.AsArray()[0] = 5, "items[0]");

        // sku
        yield return Case("sku_missing", b => Item(b, 0).Remove("sku"), "items[0].sku");
        yield return Case("sku_empty", b => Item(b, 1)["sku"] = string.Empty, "items[1].sku");
        yield return Case("sku_65_chars", b => Item(b, 1)["sku"] = new string('s', 65), "items[1].sku");
        yield return Case("sku_array", b => Item(b, 0)["sku"] = new JsonArray(), "items[0].sku");

        // quantity
        yield return Case("quantity_missing", b => Item(b, 0).Remove("quantity"), "items[0].quantity");
        yield return Case("quantity_zero", b => Item(b, 0)["quantity"] = 0, "items[0].quantity");
        yield return Case("quantity_negative", b => Item(b, 0)["quantity"] = -1, "items[0].quantity");
        yield return Case("quantity_over_cap", b => Item(b, 0)["quantity"] = 1001, "items[0].quantity");
        yield return Case("quantity_fraction", b => Item(b, 0)["quantity"] = 2.5, "items[0].quantity");
        yield return Case("quantity_string", b => Item(b, 0)["quantity"] = "2", "items[0].quantity");
        yield return Case("quantity_boolean", b => Item(b, 0)["quantity"] = true, "items[0].quantity");
        yield return Case("quantity_beyond_int64", b => Item(b, 0)["quantity"] = JsonNode.Parse("99999999999999999999999"), "items[0].quantity");
        yield return Case("quantity_exponent", b => Item(b, 0)["quantity"] = JsonNode.Parse("1e2"), "items[0].quantity");

        // unitPrice
        yield return Case("unitPrice_missing", b => Item(b, 1).Remove("unitPrice"), "items[1].unitPrice");
        yield return Case("unitPrice_negative", b => Item(b, 1)["unitPrice"] = -0.01m, "items[1].unitPrice");
        yield return Case("unitPrice_string", b => Item(b, 1)["unitPrice"] = "10.00", "items[1].unitPrice");
        yield return Case("unitPrice_NaN_string", b => Item(b, 1)["unitPrice"] = "NaN", "items[1].unitPrice");
        yield return Case("unitPrice_overflow", b => Item(b, 1)["unitPrice"] = JsonNode.Parse("1e400"), "items[1].unitPrice");
        yield return Case("unitPrice_over_max", b => Item(b, 1)["unitPrice"] = 1_000_000.01m, "items[1].unitPrice");
        yield return Case("unitPrice_too_precise", b => Item(b, 1)["unitPrice"] = 0.00001m, "items[1].unitPrice");

        // currency
        yield return Case("currency_missing", b => b.Remove("currency"), "currency");
        yield return Case("currency_lowercase", b => b["currency"] = "eur", "currency");
        yield return Case("currency_two_letters", b => b["currency"] = "EU", "currency");
        yield return Case("currency_unknown", b => b["currency"] = "XYZ", "currency");
        yield return Case("currency_withdrawn", b => b["currency"] = "HRK", "currency");
        yield return Case("currency_numeric_code", b => b["currency"] = 978, "currency");

        // deliveryAddress
        yield return Case("address_missing", b => b.Remove("deliveryAddress"), "deliveryAddress");
        yield return Case("address_string", b => b["deliveryAddress"] = "1 rue de Rivoli, Paris", "deliveryAddress");
        yield return Case("latitude_missing", b => Address(b).Remove("latitude"), "deliveryAddress.latitude");
        yield return Case("latitude_above_90", b => Address(b)["latitude"] = 90.0001, "deliveryAddress.latitude");
        yield return Case("latitude_below_minus_90", b => Address(b)["latitude"] = -91, "deliveryAddress.latitude");
        yield return Case("latitude_overflow", b => Address(b)["latitude"] = JsonNode.Parse("1e999"), "deliveryAddress.latitude");
        yield return Case("longitude_above_180", b => Address(b)["longitude"] = 180.5, "deliveryAddress.longitude");
        yield return Case("longitude_string", b => Address(b)["longitude"] = "2.35", "deliveryAddress.longitude");

        // customerEmail (optional, but when sent it must be one plausible address)
        yield return Case("customerEmail_empty", b => b["customerEmail"] = string.Empty, "customerEmail");
        yield return Case("customerEmail_number", b => b["customerEmail"] = 42, "customerEmail");
        yield return Case("customerEmail_array", b => b["customerEmail"] = new JsonArray("jane@example.com"), "customerEmail");
        yield return Case("customerEmail_no_at", b => b["customerEmail"] = "jane.example.com", "customerEmail");
        yield return Case("customerEmail_two_ats", b => b["customerEmail"] = "jane@doe@example.com", "customerEmail");
        yield return Case("customerEmail_display_name", b => b["customerEmail"] = "Jane <jane@example.com>", "customerEmail");
        yield return Case("customerEmail_two_addresses", b => b["customerEmail"] = "jane@example.com,joe@example.com", "customerEmail");
        yield return Case("customerEmail_space", b => b["customerEmail"] = "jane doe@example.com", "customerEmail");
        yield return Case("customerEmail_quoted_space", b => b["customerEmail"] = "\"jane doe\"@example.com", "customerEmail");
        yield return Case("customerEmail_padded", b => b["customerEmail"] = " jane@example.com", "customerEmail");
        yield return Case("customerEmail_newline", b => b["customerEmail"] = "jane@example.com\r\nBcc: all@example.com", "customerEmail");
        yield return Case("customerEmail_no_domain_dot", b => b["customerEmail"] = "jane@localhost", "customerEmail");
        yield return Case("customerEmail_empty_label", b => b["customerEmail"] = "jane@example..com", "customerEmail");
        yield return Case("customerEmail_trailing_dot", b => b["customerEmail"] = "jane@example.com.", "customerEmail");
        yield return Case("customerEmail_hyphen_label", b => b["customerEmail"] = "jane@-example.com", "customerEmail");
        yield return Case("customerEmail_ip_literal", b => b["customerEmail"] = "jane@[192.168.0.1]", "customerEmail");
        yield return Case("customerEmail_numeric_domain", b => b["customerEmail"] = "jane@192.168.0.1", "customerEmail");
        yield return Case("customerEmail_no_local_part", b => b["customerEmail"] = "@example.com", "customerEmail");
        yield return Case("customerEmail_local_part_65", b => b["customerEmail"] = new string('j', 65) + "@example.com", "customerEmail");
        yield return Case("customerEmail_255_chars", b => b["customerEmail"] = "jane@" + new string('e', 60) + "." + new string('x', 60) + "." + new string('a', 60) + "." + new string('m', 63) + ".com", "customerEmail");
    }

    [TestCaseSource(nameof(FieldCases))]
    public async Task A_bad_field_is_a_400_naming_the_field_and_writes_nothing(Action<JsonObject> mutate, string field)
    {
        var body = Bodies.ValidOrder();
        mutate(body);

        using var response = await Client.SendAsync(Bodies.Post(Bodies.Json(body)));

        await Problem.AssertFieldErrorAsync(response, field);
        await AssertNothingWrittenAsync();
    }

    [Test]
    public async Task Every_bad_field_is_reported_in_one_answer()
    {
        var body = Bodies.ValidOrder();
        body.Remove("customerId");
        body["items"]![1]!["quantity"] = 0;
        body["currency"] = "usd";
        body["deliveryAddress"]!["longitude"] = 200;

        using var response = await Client.SendAsync(Bodies.Post(Bodies.Json(body)));

        var problem = await Problem.AssertFieldErrorAsync(response, "customerId");
        var fields = problem.GetProperty("errors").EnumerateObject().Select(p => p.Name);
        Assert.That(fields, Is.EquivalentTo(new[] { "customerId", "items[1].quantity", "currency", "deliveryAddress.longitude" }));
        await AssertNothingWrittenAsync();
    }

    [TestCase("[]", TestName = "Body_array")]
    [TestCase("\"order\"", TestName = "Body_string")]
    [TestCase("null", TestName = "Body_null")]
    public async Task A_body_that_is_not_an_object_is_a_400(string json)
    {
        using var response = await Client.SendAsync(Bodies.Post(Bodies.Json(json)));

        await Problem.AssertFieldErrorAsync(response, "$");
        await AssertNothingWrittenAsync();
    }

    [TestCase("", TestName = "Json_empty_body")]
    [TestCase("{\"customerId\": ", TestName = "Json_truncated")]
    [TestCase("{customerId: 'c'}", TestName = "Json_unquoted")]
    [TestCase("{\"customerId\":\"a\",\"customerId\":\"b\"}", TestName = "Json_duplicate_property")]
    [TestCase("{\"customerId\":\"a\"} trailing", TestName = "Json_trailing_garbage")]
    public async Task Malformed_json_is_a_400(string json)
    {
        using var response = await Client.SendAsync(Bodies.Post(Bodies.Json(json)));

        await Problem.AssertAsync(response, HttpStatusCode.BadRequest);
        await AssertNothingWrittenAsync();
    }

    [TestCase("text/plain", TestName = "ContentType_text_plain")]
    [TestCase("application/x-www-form-urlencoded", TestName = "ContentType_form")]
    [TestCase("application/xml", TestName = "ContentType_xml")]
    [TestCase("application/json; charset=iso-8859-1", TestName = "ContentType_json_latin1")]
    public async Task A_wrong_content_type_is_a_415(string mediaType)
    {
        var content = new StringContent(Bodies.ValidOrder().ToJsonString(), Encoding.UTF8);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(mediaType);

        using var response = await Client.SendAsync(Bodies.Post(content));

        await Problem.AssertAsync(response, HttpStatusCode.UnsupportedMediaType);
        await AssertNothingWrittenAsync();
    }

    [Test]
    public async Task A_missing_content_type_is_a_415()
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(Bodies.ValidOrder().ToJsonString()));

        using var response = await Client.SendAsync(Bodies.Post(content));

        await Problem.AssertAsync(response, HttpStatusCode.UnsupportedMediaType);
        await AssertNothingWrittenAsync();
    }

    [TestCase(true, TestName = "Oversized_with_content_length")]
    [TestCase(false, TestName = "Oversized_streamed_without_content_length")]
    public async Task A_body_over_64_KiB_is_a_413(bool declareLength)
    {
        // A valid order whose unknown padding field pushes it over the limit: only the size is wrong.
        var body = Bodies.ValidOrder();
        body["padding"] = new string('x', 64 * 1024);
        var bytes = Encoding.UTF8.GetBytes(body.ToJsonString());
        HttpContent content = declareLength ? new ByteArrayContent(bytes) : new UnknownLengthContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        using var response = await Client.SendAsync(Bodies.Post(content));

        await Problem.AssertAsync(response, HttpStatusCode.RequestEntityTooLarge);
        await AssertNothingWrittenAsync();
    }

    [Test]
    public async Task An_idempotency_key_over_128_characters_is_a_400()
    {
        using var response = await Client.SendAsync(Bodies.Post(Bodies.Json(Bodies.ValidOrder()), idempotencyKey: new string('k', 129)));

        await Problem.AssertFieldErrorAsync(response, "Idempotency-Key");
        await AssertNothingWrittenAsync();
    }

    [TestCase(129, TestName = "CorrelationId_too_long")]
    [TestCase(0, TestName = "CorrelationId_with_space")]
    public async Task A_bad_correlation_id_is_a_400(int length)
    {
        var correlationId = length == 0 ? "has space" : new string('c', length);

        using var response = await Client.SendAsync(Bodies.Post(Bodies.Json(Bodies.ValidOrder()), correlationId: correlationId));

        await Problem.AssertFieldErrorAsync(response, "X-Correlation-Id");
        await AssertNothingWrittenAsync();
    }

    private async Task AssertNothingWrittenAsync()
    {
        var counts = await OrderDatabase.CountAllAsync(Factory.ConnectionString);
        Assert.That(counts, Is.EqualTo((0L, 0L, 0L, 0L)), "(orders, order_lines, idempotency_keys, outbox_messages)");
    }
}
