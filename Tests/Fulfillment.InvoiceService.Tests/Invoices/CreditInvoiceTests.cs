using Fulfillment.InvoiceService.Invoices;
using Fulfillment.InvoiceService.Tests.Support;
using Fulfillment.Messages;
using Fulfillment.Testing;
using Microsoft.AspNetCore.Http.HttpResults;
using NUnit.Framework;
using static Fulfillment.InvoiceService.Tests.Support.Envelopes;

namespace Fulfillment.InvoiceService.Tests.Invoices;

/// <summary>
/// Decision 0019's row for invoice-service: the order's confirmation and delivery-service's verdict in either order,
/// each re-sent under a new eventId, end in one outcome: an invoice and one credit note for the whole of it, or no
/// invoice at all; credit note numbers are a gapless series of their own.
/// </summary>
[TestFixture]
public sealed class CreditInvoiceTests
{
    private const string OrderId = "order-1";

    private static readonly Dictionary<string, string?> Rates = new() { ["TaxRates:EUR"] = "0.2" };

    public static IEnumerable<TestCaseData> Arrivals() =>
        ArrivalOrders.Cases([EventTypes.OrderConfirmed], EventTypes.DeliveryCancelled, EventTypes.DeliveryFailed);

    [TestCaseSource(nameof(Arrivals))]
    public async Task Either_arrival_order_with_repeats_gives_one_outcome(IReadOnlyList<string> arrival)
    {
        await using var invoicing = await InvoiceHarness.StartAsync(Rates);

        // Each event twice in a row, then the whole sequence again: every copy is a new event (a new eventId).
        foreach (var eventType in arrival.SelectMany(type => new[] { type, type }).Concat(arrival))
        {
            await invoicing.ConsumeSuccessfullyAsync(Event(eventType));
        }

        var invoices = await invoicing.InvoicesAsync(OrderId);
        var creditNotes = await invoicing.CreditNotesAsync(OrderId);
        if (arrival[0] == EventTypes.OrderConfirmed)
        {
            var reason = arrival.Contains(EventTypes.DeliveryFailed) ? "delivery failed" : "order cancelled";
            var credited = invoicing.Published<InvoiceCredited>();
            using (Assert.EnterMultipleScope())
            {
                Assert.That(invoicing.Published<InvoiceIssued>().Select(i => i.InvoiceNumber), Is.EqualTo(new[] { "INV-2026-000001" }));
                Assert.That(credited, Is.EqualTo(new[] { new InvoiceCredited("CN-2026-000001", "INV-2026-000001", 36.00m, "EUR", reason, InvoiceHarness.Start) }));
                Assert.That(creditNotes.Select(c => (c.CreditNoteNumber, c.InvoiceNumber, c.Gross, c.Reason)), Is.EqualTo(new[] { ("CN-2026-000001", "INV-2026-000001", 36.00m, reason) }));
                Assert.That(await invoicing.LastCreditNoteNumberAsync(2026), Is.EqualTo(1));
            }
        }
        else
        {
            using (Assert.EnterMultipleScope())
            {
                Assert.That(invoices, Is.Empty);
                Assert.That(creditNotes, Is.Empty);
                Assert.That(invoicing.Published<InvoiceIssued>(), Is.Empty);
                Assert.That(invoicing.Published<InvoiceCredited>(), Is.Empty);
                Assert.That(await invoicing.LastNumberAsync(2026), Is.Zero, "no invoice number taken");
                Assert.That(await invoicing.LastCreditNoteNumberAsync(2026), Is.Zero, "no credit note number taken");
            }
        }
    }

    [Test]
    public async Task Credit_notes_are_numbered_apart_from_invoices_without_gaps_and_per_year()
    {
        await using var invoicing = await InvoiceHarness.StartAsync(now: new DateTimeOffset(2026, 12, 31, 23, 0, 0, TimeSpan.Zero));
        foreach (var orderId in new[] { "order-1", "order-2", "order-3" })
        {
            await invoicing.ConsumeSuccessfullyAsync(OrderConfirmed(orderId));
        }

        await invoicing.ConsumeSuccessfullyAsync(DeliveryCancelled("order-never"));
        await invoicing.ConsumeSuccessfullyAsync(DeliveryFailed("order-2"));
        await invoicing.ConsumeSuccessfullyAsync(DeliveryCancelled("order-1"));
        invoicing.Clock.Advance(TimeSpan.FromHours(2));
        await invoicing.ConsumeSuccessfullyAsync(DeliveryCancelled("order-3"));

        var credited = invoicing.Published<InvoiceCredited>();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(
                credited.Select(c => (c.CreditNoteNumber, c.InvoiceNumber)),
                Is.EqualTo(new[] { ("CN-2026-000001", "INV-2026-000002"), ("CN-2026-000002", "INV-2026-000001"), ("CN-2027-000001", "INV-2026-000003") }));
            Assert.That(credited[2].CreditedAt.Year, Is.EqualTo(2027));
            Assert.That(await invoicing.LastNumberAsync(2026), Is.EqualTo(3), "credit notes take no invoice number");
        }
    }

    [Test]
    public async Task Credit_note_is_shown_with_its_invoice()
    {
        await using var invoicing = await InvoiceHarness.StartAsync(Rates);
        await invoicing.ConsumeSuccessfullyAsync(OrderConfirmed(OrderId));
        await invoicing.ConsumeSuccessfullyAsync(DeliveryFailed(OrderId));

        var listed = await invoicing.QueryAsync(db => InvoiceEndpoints.ListAsync(OrderId, db, CancellationToken.None));
        var one = await invoicing.QueryAsync(db => InvoiceEndpoints.GetAsync("INV-2026-000001", db, CancellationToken.None));

        var expected = new CreditNoteResponse("CN-2026-000001", 36.00m, "EUR", "delivery failed", InvoiceHarness.Start);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(((Ok<List<InvoiceResponse>>)listed.Result).Value!.Single().CreditNote, Is.EqualTo(expected));
            Assert.That(((Ok<InvoiceResponse>)one.Result).Value!.CreditNote, Is.EqualTo(expected));
        }
    }

    private static IEventEnvelope Event(string eventType) => eventType switch
    {
        EventTypes.OrderConfirmed => OrderConfirmed(OrderId),
        EventTypes.DeliveryCancelled => DeliveryCancelled(OrderId),
        EventTypes.DeliveryFailed => DeliveryFailed(OrderId),
        _ => throw new ArgumentOutOfRangeException(nameof(eventType), eventType, null),
    };
}
