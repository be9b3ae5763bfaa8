using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Fulfillment.InvoiceService.Invoices;
using Fulfillment.Messages;
using Fulfillment.Messaging.Kafka;
using Fulfillment.Testing;
using NUnit.Framework;
using static Fulfillment.InvoiceService.Tests.Support.Envelopes;

namespace Fulfillment.InvoiceService.Tests.Service;

/// <summary>
/// The whole service as it runs: Program and appsettings.json, migrations at start-up, the Kafka consumer group on
/// raw.order-events with its batch preparer, retries and dead letters, the outbox relay, HTTP.
/// </summary>
[TestFixture]
public sealed class InvoiceServiceHostTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private ServiceUnderTest<Program> _service = null!;

    [SetUp]
    public async Task StartAsync() =>
        _service = await ServiceHost.StartAsync(
            await TestKafka.StartAsync(),
            async bootstrapServers => new ServiceFactory<Program>(
                await TestPostgres.CreateDatabaseAsync("invoice_host"),
                bootstrapServers,
                new Dictionary<string, string?> { ["Invoice:TaxRates:EUR"] = "0.2" }));

    [TearDown]
    public async Task StopAsync() => await _service.DisposeAsync();

    [Test]
    public async Task Confirmations_from_kafka_are_invoiced_once_each_and_nothing_else_is_consumed()
    {
        // On host-1's key, in this order: an event invoicing does not consume, the confirmation, the same record
        // delivered again, the confirmation re-sent under a new eventId. Once the re-sent one is in the inbox, all
        // four were handled (same key, same partition).
        var created = TestEnvelopes.For("host-1", new OrderCreated("cust-1", TwoLines, 30.00m, "EUR", new GeoPoint(48.85, 2.35)), Producer);
        var confirmed = OrderConfirmed("host-1");
        var resent = OrderConfirmed("host-1");
        var other = OrderConfirmed("host-2", [Line("SKU-009", 1, 9.99m)], currency: "USD");
        foreach (var envelope in new IEventEnvelope[] { created, confirmed, confirmed, resent, other })
        {
            await KafkaTopic.ProduceAsync(_service.BootstrapServers, Topics.OrderEvents, envelope);
        }

        await WaitUntilHandledAsync(resent, other);
        var events = await KafkaTopic.ReadUntilAsync(_service.BootstrapServers, Topics.InvoiceEvents, records => records.Count > 2, TimeSpan.FromSeconds(5));
        var byOrder = events.ToDictionary(e => e.Key, e => (Envelope: e.Envelope, Issued: (InvoiceIssued)e.Envelope.Payload));
        var year = byOrder["host-1"].Issued.IssuedAt.Year;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(events.Select(e => e.Envelope.EventType), Is.EqualTo(new[] { EventTypes.InvoiceIssued, EventTypes.InvoiceIssued }));
            Assert.That(byOrder.Values.Select(e => e.Issued.InvoiceNumber), Is.EquivalentTo(new[] { $"INV-{year}-000001", $"INV-{year}-000002" }));
            Assert.That(byOrder["host-1"].Envelope.CausationId, Is.EqualTo(confirmed.EventId.ToString()));
            Assert.That(byOrder["host-1"].Envelope.CorrelationId, Is.EqualTo(confirmed.CorrelationId));
            Assert.That(byOrder["host-1"].Envelope.Producer, Is.EqualTo("invoice-service"));
            Assert.That((byOrder["host-1"].Issued.Tax, byOrder["host-1"].Issued.Gross), Is.EqualTo((6.00m, 36.00m)), "EUR at the configured 20 %");
            Assert.That((byOrder["host-2"].Issued.Tax, byOrder["host-2"].Issued.Gross), Is.EqualTo((0.00m, 9.99m)), "USD has no rate: 0 %");
            Assert.That(await CountAsync("SELECT count(*) FROM invoices WHERE order_id = 'host-1'"), Is.EqualTo(1));
            Assert.That(await CountAsync("SELECT last_number FROM invoice_counters"), Is.EqualTo(2), "the re-sent confirmation took no number");
            Assert.That(await CountAsync($"SELECT count(*) FROM inbox_messages WHERE event_id = '{created.EventId}'"), Is.Zero, "order.created is not invoicing's business");
        }

        var listed = await _service.Http.GetFromJsonAsync<List<InvoiceResponse>>("/api/invoices?orderId=host-1");
        var number = byOrder["host-1"].Issued.InvoiceNumber;
        var invoice = await _service.Http.GetFromJsonAsync<InvoiceResponse>($"/api/invoices/{number}");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(listed!.Select(i => i.InvoiceNumber), Is.EqualTo(new[] { number }));
            Assert.That((invoice!.OrderId, invoice.Gross, invoice.DueAt), Is.EqualTo(("host-1", 36.00m, byOrder["host-1"].Issued.DueAt)));
            Assert.That(await _service.Http.GetFromJsonAsync<List<InvoiceResponse>>("/api/invoices?orderId=host-3"), Is.Empty);
        }
    }

    /// <summary>
    /// Decision 0019 through Kafka: a credit note on the verdict for an invoiced order (the verdict re-sent), no invoice
    /// for an order whose verdict came first; then the inbox wiped and every record delivered again, which must issue
    /// and credit nothing twice and take no number.
    /// </summary>
    [Test]
    public async Task Verdicts_from_kafka_credit_once_or_prevent_the_invoice_even_after_an_inbox_wipe()
    {
        IEventEnvelope[] first = [OrderConfirmed("host-c1"), DeliveryFailed("host-c2"), OrderConfirmed("host-c3")];
        IEventEnvelope[] then = [DeliveryCancelled("host-c1"), DeliveryCancelled("host-c1"), OrderConfirmed("host-c2")];

        await HandledRecords.ProduceAndWaitAsync(_service, first, Patience);
        await HandledRecords.ProduceAndWaitAsync(_service, then, Patience);
        var events = await KafkaTopic.ReadUntilAsync(_service.BootstrapServers, Topics.InvoiceEvents, _ => false, TimeSpan.FromSeconds(5));

        var byOrder = events.ToLookup(e => e.Key, e => e.Envelope);
        var issued = (InvoiceIssued)byOrder["host-c1"].First().Payload;
        var listed = await _service.Http.GetFromJsonAsync<List<InvoiceResponse>>("/api/invoices?orderId=host-c1");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(byOrder["host-c1"].Select(e => e.EventType), Is.EqualTo(new[] { EventTypes.InvoiceIssued, EventTypes.InvoiceCredited }));
            Assert.That(byOrder["host-c2"], Is.Empty);
            Assert.That(byOrder["host-c3"].Select(e => e.EventType), Is.EqualTo(new[] { EventTypes.InvoiceIssued }));
            var credited = (InvoiceCredited)byOrder["host-c1"].Last().Payload;
            Assert.That(
                (credited.CreditNoteNumber, credited.InvoiceNumber, credited.Gross, credited.Reason),
                Is.EqualTo(($"CN-{issued.IssuedAt.Year}-000001", issued.InvoiceNumber, 36.00m, "order cancelled")));
            Assert.That(listed!.Single().CreditNote?.CreditNoteNumber, Is.EqualTo(credited.CreditNoteNumber));
            Assert.That(await CountAsync("SELECT count(*) FROM invoices WHERE order_id = 'host-c2'"), Is.Zero);
        }

        await Sql.ScalarAsync(_service.ConnectionString, "DELETE FROM inbox_messages");
        await HandledRecords.ProduceAndWaitAsync(_service, [.. first, .. then], Patience);
        var afterReplay = await KafkaTopic.ReadUntilAsync(_service.BootstrapServers, Topics.InvoiceEvents, _ => false, TimeSpan.FromSeconds(5));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(afterReplay, Has.Count.EqualTo(events.Count), "the replay emitted something");
            Assert.That(await CountAsync("SELECT last_number FROM invoice_counters"), Is.EqualTo(2));
            Assert.That(await CountAsync("SELECT last_number FROM credit_note_counters"), Is.EqualTo(1));
        }
    }

    [TestCase("/api/invoices/INV-2026-999999", HttpStatusCode.NotFound)]
    [TestCase("/api/invoices/not-a-number", HttpStatusCode.BadRequest)]
    [TestCase("/api/invoices", HttpStatusCode.BadRequest)]
    public async Task Errors_are_problem_details(string path, HttpStatusCode status)
    {
        using var response = await _service.Http.GetAsync(new Uri(path, UriKind.Relative));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(status));
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        }
    }

    [TestCase("/api/invoices", 400)]
    [TestCase("/api/invoices/{invoiceNumber}", 400, 404)]
    public async Task The_OpenAPI_document_describes_each_endpoint_and_its_problems(string path, params int[] problems)
    {
        using var document = JsonDocument.Parse(await _service.Http.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative)));
        var paths = document.RootElement.GetProperty("paths").EnumerateObject().ToDictionary(p => p.Name.TrimEnd('/'), p => p.Value, StringComparer.Ordinal);
        var operation = paths[path].GetProperty("get");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(operation.GetProperty("summary").GetString(), Is.Not.Empty);
            Assert.That(operation.GetProperty("description").GetString(), Is.Not.Empty);
            foreach (var status in problems)
            {
                Assert.That(
                    operation.GetProperty("responses").GetProperty(status.ToString(CultureInfo.InvariantCulture)).GetProperty("content").TryGetProperty("application/problem+json", out _),
                    Is.True,
                    $"{status} as application/problem+json");
            }
        }
    }

    [Test]
    public async Task A_confirmation_that_cannot_be_invoiced_is_dead_lettered_at_once_and_takes_no_number()
    {
        var poison = OrderConfirmed("host-poison", [Line("SKU-001", -2, 10m)]);
        var next = OrderConfirmed("host-poison");
        await KafkaTopic.ProduceAsync(_service.BootstrapServers, Topics.OrderEvents, poison);
        await KafkaTopic.ProduceAsync(_service.BootstrapServers, Topics.OrderEvents, next);

        // Same key: once the next confirmation is handled, the poison one was dead-lettered before it.
        await WaitUntilHandledAsync(next);
        var deadLetter = (await Eventually.ReturnsAsync(
            () => Kcat.ConsumeAsync(_service.BootstrapServers, Topics.OrderDeadLetters, 10, Patience),
            records => records.Count > 0,
            Patience,
            "the poison record on dlq.order-events")).Single();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(deadLetter.Key, Is.EqualTo("host-poison"));
            Assert.That(deadLetter.Header(RecordHeaders.EventId), Is.EqualTo(poison.EventId.ToString()));
            Assert.That(deadLetter.Header(RecordHeaders.ExceptionType), Is.EqualTo(typeof(InvalidOrderConfirmedException).FullName));
            Assert.That(deadLetter.Header(RecordHeaders.RetryCount), Is.EqualTo("0"), "permanent: not retried");
            Assert.That(deadLetter.Header(RecordHeaders.Error), Does.Contain("quantity -2"));
            Assert.That(deadLetter.Header(RecordHeaders.OriginalTopic), Is.EqualTo(Topics.OrderEvents));
            Assert.That(await CountAsync($"SELECT count(*) FROM invoices WHERE source_event_id = '{next.EventId}' AND sequence = 1"), Is.EqualTo(1),
                "the next order got the first number");
            Assert.That(await CountAsync("SELECT last_number FROM invoice_counters"), Is.EqualTo(1));
        }
    }

    private async Task WaitUntilHandledAsync(params IEventEnvelope[] envelopes)
    {
        var ids = string.Join(", ", envelopes.Select(e => $"'{e.EventId}'"));
        await Eventually.ReturnsAsync(
            () => CountAsync($"SELECT count(*) FROM inbox_messages WHERE event_id IN ({ids})"),
            count => count == envelopes.Length,
            Patience,
            "the confirmations handled");
        await Eventually.ReturnsAsync(() => CountAsync("SELECT count(*) FROM outbox_messages"), count => count == 0, Patience, "the outbox drained to Kafka");
    }

    private Task<long> CountAsync(string sql) => Sql.CountAsync(_service.ConnectionString, sql);
}
