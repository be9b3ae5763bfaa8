using System.Net;
using Fulfillment.InvoiceService.Numbering;
using Fulfillment.Messages;
using Fulfillment.Testing;
using Npgsql;
using NUnit.Framework;
using static Fulfillment.InvoiceService.Tests.Support.Envelopes;

namespace Fulfillment.InvoiceService.Tests.Service;

/// <summary>
/// 200 confirmations at once, with redelivered and re-sent ones among them, through two instances of the real service
/// on one database (one consumer group, four lanes each, small batches so that many transactions want numbers at the
/// same time): every order gets one invoice, and the numbers are 1 to 200 of the year, none twice, none missing.
/// </summary>
[TestFixture]
public sealed class ConcurrentNumberingTests
{
    private const int Orders = 200;
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["Kafka:Consumer:MaxConcurrency"] = "4",
        ["Kafka:Consumer:MaxBatchSize"] = "8",
    };

    private string _connectionString = null!;
    private ITestKafka _kafka = null!;
    private readonly List<ServiceFactory<Program>> _instances = [];

    [SetUp]
    public async Task StartAsync()
    {
        _kafka = await TestKafka.StartAsync();
        _connectionString = await TestPostgres.CreateDatabaseAsync("invoice_concurrent");
        _instances.Add(new ServiceFactory<Program>(_connectionString, _kafka.BootstrapServers, Settings));
        _instances.Add(new ServiceFactory<Program>(_connectionString, _kafka.BootstrapServers, Settings));
        // Ready means owning partitions of the group (KafkaHealthCheck): once both are, both take records.
        foreach (var instance in _instances)
        {
            await Eventually.ReturnsAsync(() => ReadinessAsync(instance), status => status == HttpStatusCode.OK, Patience, "both instances own partitions");
        }
    }

    [TearDown]
    public async Task StopAsync()
    {
        foreach (var instance in _instances)
        {
            await instance.DisposeAsync();
        }

        _instances.Clear();
        await _kafka.DisposeAsync();
    }

    [Test]
    public async Task Concurrent_confirmations_on_two_instances_get_consecutive_numbers_without_gaps_or_duplicates()
    {
        var kafka = _kafka;

        var random = new Random(20261201);
        var confirmations = Enumerable.Range(0, Orders).Select(i => OrderConfirmed($"conc-{i:D3}")).ToList();
        var redelivered = confirmations.Where((_, i) => i % 10 == 0).ToList();
        var resent = confirmations.Where((_, i) => i % 10 == 5).Select(c => OrderConfirmed(c.OrderId)).ToList();
        var records = confirmations.Concat(redelivered).Concat(resent).OrderBy(_ => random.Next()).Cast<IEventEnvelope>().ToList();

        await KafkaTopic.ProduceAsync(kafka.BootstrapServers, Topics.OrderEvents, records);
        var distinctEvents = records.Select(r => r.EventId).Distinct().Count();
        await Eventually.ReturnsAsync(() => CountAsync("SELECT count(*) FROM inbox_messages"), n => n == distinctEvents, Patience, "every confirmation handled");
        await Eventually.ReturnsAsync(() => CountAsync("SELECT count(*) FROM outbox_messages"), n => n == 0, Patience, "the outbox drained");

        var invoices = await InvoicesAsync();
        var counters = await CountersAsync();
        var events = await KafkaTopic.ReadUntilAsync(kafka.BootstrapServers, Topics.InvoiceEvents, e => e.Count > Orders, TimeSpan.FromSeconds(5));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(invoices.Select(i => i.OrderId), Is.EquivalentTo(confirmations.Select(c => c.OrderId)), "one invoice per order");
            // Per year (a run across New Year's midnight splits them): 1 to n, each once, and the counter at n.
            foreach (var year in invoices.GroupBy(i => i.Year))
            {
                Assert.That(year.Select(i => i.Sequence).Order(), Is.EqualTo(Enumerable.Range(1, year.Count())), $"{year.Key}: consecutive from 1");
                Assert.That(counters.GetValueOrDefault(year.Key), Is.EqualTo(year.Count()), $"{year.Key}: no number taken beyond the last invoice");
                Assert.That(year.Select(i => i.Number), Is.EqualTo(year.Select(i => new InvoiceNumber(i.Year, i.Sequence).ToString())));
            }

            Assert.That(counters.Keys, Is.EquivalentTo(invoices.Select(i => i.Year).Distinct()));
            Assert.That(
                events.Select(e => (e.Key, ((InvoiceIssued)e.Envelope.Payload).InvoiceNumber)),
                Is.EquivalentTo(invoices.Select(i => (i.OrderId, i.Number))),
                "one invoice.issued per invoice, with its number");
        }
    }

    private static async Task<HttpStatusCode> ReadinessAsync(ServiceFactory<Program> instance)
    {
        using var http = instance.CreateClient();
        using var response = await http.GetAsync(new Uri("/health/ready", UriKind.Relative));
        return response.StatusCode;
    }

    private async Task<List<(string Number, int Year, int Sequence, string OrderId)>> InvoicesAsync()
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT invoice_number, year, sequence, order_id FROM invoices", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var invoices = new List<(string, int, int, string)>();
        while (await reader.ReadAsync())
        {
            invoices.Add((reader.GetString(0), reader.GetInt32(1), reader.GetInt32(2), reader.GetString(3)));
        }

        return invoices;
    }

    private async Task<Dictionary<int, int>> CountersAsync()
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT year, last_number FROM invoice_counters", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var counters = new Dictionary<int, int>();
        while (await reader.ReadAsync())
        {
            counters[reader.GetInt32(0)] = reader.GetInt32(1);
        }

        return counters;
    }

    /// <summary>
    /// Verdicts for half the orders racing their confirmations (another topic: either may come first), some re-sent:
    /// every order with a verdict ends invoiced and credited once, or never invoiced, and both series stay gapless.
    /// </summary>
    [Test]
    public async Task Concurrent_confirmations_and_verdicts_credit_each_invoice_once_and_keep_both_series_gapless()
    {
        var kafka = _kafka;
        var confirmations = Enumerable.Range(0, Orders).Select(i => (IEventEnvelope)OrderConfirmed($"cred-{i:D3}")).ToList();
        var verdicts = Enumerable.Range(0, Orders).Where(i => i % 2 == 0)
            .SelectMany(i => i % 6 == 0
                ? new IEventEnvelope[] { DeliveryCancelled($"cred-{i:D3}"), DeliveryCancelled($"cred-{i:D3}") }
                : [i % 4 == 0 ? DeliveryCancelled($"cred-{i:D3}") : DeliveryFailed($"cred-{i:D3}")])
            .ToList();
        await Task.WhenAll(
            KafkaTopic.ProduceAsync(kafka.BootstrapServers, Topics.OrderEvents, confirmations),
            KafkaTopic.ProduceAsync(kafka.BootstrapServers, Topics.DeliveryEvents, verdicts));
        await Eventually.ReturnsAsync(
            () => CountAsync("SELECT count(*) FROM inbox_messages"), n => n == confirmations.Count + verdicts.Count, Patience, "every record handled");
        await Eventually.ReturnsAsync(() => CountAsync("SELECT count(*) FROM outbox_messages"), n => n == 0, Patience, "the outbox drained");

        var invoices = await InvoicesAsync();
        var creditNotes = await CreditNotesAsync();
        var withVerdict = verdicts.Select(v => v.OrderId).ToHashSet(StringComparer.Ordinal);
        var events = await KafkaTopic.ReadUntilAsync(kafka.BootstrapServers, Topics.InvoiceEvents, _ => false, TimeSpan.FromSeconds(5));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(
                invoices.Select(i => i.OrderId).Where(id => !withVerdict.Contains(id)),
                Is.EquivalentTo(confirmations.Select(c => c.OrderId).Where(id => !withVerdict.Contains(id))),
                "every order without a verdict invoiced");
            Assert.That(
                creditNotes.Select(c => (c.OrderId, c.InvoiceNumber)),
                Is.EquivalentTo(invoices.Where(i => withVerdict.Contains(i.OrderId)).Select(i => (i.OrderId, i.Number))),
                "an order with a verdict is credited exactly when it was invoiced, once, for its own invoice");
            foreach (var series in new[] { invoices.Select(i => (i.Year, i.Sequence)), creditNotes.Select(c => (c.Year, c.Sequence)) })
            {
                foreach (var year in series.GroupBy(n => n.Year))
                {
                    Assert.That(year.Select(n => n.Sequence).Order(), Is.EqualTo(Enumerable.Range(1, year.Count())), $"{year.Key}: consecutive from 1");
                }
            }

            Assert.That(
                events.Where(e => e.Envelope.EventType == EventTypes.InvoiceCredited).Select(e => ((InvoiceCredited)e.Envelope.Payload).CreditNoteNumber),
                Is.EquivalentTo(creditNotes.Select(c => c.Number)),
                "one invoice.credited per credit note");
            Assert.That(events.Count(e => e.Envelope.EventType == EventTypes.InvoiceIssued), Is.EqualTo(invoices.Count), "one invoice.issued per invoice");
        }
    }

    private async Task<List<(string Number, int Year, int Sequence, string OrderId, string InvoiceNumber)>> CreditNotesAsync()
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT credit_note_number, year, sequence, order_id, invoice_number FROM credit_notes", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var creditNotes = new List<(string, int, int, string, string)>();
        while (await reader.ReadAsync())
        {
            creditNotes.Add((reader.GetString(0), reader.GetInt32(1), reader.GetInt32(2), reader.GetString(3), reader.GetString(4)));
        }

        return creditNotes;
    }

    private Task<long> CountAsync(string sql) => Sql.CountAsync(_connectionString, sql);
}
