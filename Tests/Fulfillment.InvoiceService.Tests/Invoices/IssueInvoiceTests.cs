using Fulfillment.InvoiceService.Invoices;
using Fulfillment.InvoiceService.Tests.Support;
using Fulfillment.Messages;
using NUnit.Framework;
using static Fulfillment.InvoiceService.Tests.Support.Envelopes;

namespace Fulfillment.InvoiceService.Tests.Invoices;

[TestFixture]
public sealed class IssueInvoiceTests
{
    private static readonly Dictionary<string, string?> Rates = new()
    {
        ["TaxRates:EUR"] = "0.2",
        ["TaxRates:USD"] = "0.0725",
    };

    [Test]
    public async Task Confirmed_order_gets_an_invoice_with_its_lines_totals_and_due_date()
    {
        await using var invoicing = await InvoiceHarness.StartAsync(Rates);
        var confirmed = OrderConfirmed("order-1");

        await invoicing.ConsumeSuccessfullyAsync(confirmed);

        var issued = invoicing.Published<InvoiceIssued>().Single();
        var invoice = (await invoicing.InvoicesAsync("order-1")).Single();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(issued.InvoiceNumber, Is.EqualTo("INV-2026-000001"));
            Assert.That(issued.Lines, Is.EqualTo(new[] { new InvoiceLine("SKU-001", 2, 12.50m, 25.00m), new InvoiceLine("SKU-002", 1, 5.00m, 5.00m) }));
            Assert.That((issued.Net, issued.TaxRate, issued.Tax, issued.Gross), Is.EqualTo((30.00m, 0.2m, 6.00m, 36.00m)));
            Assert.That((issued.CustomerId, issued.Currency), Is.EqualTo(("cust-1", "EUR")));
            Assert.That(issued.IssuedAt, Is.EqualTo(InvoiceHarness.Start));
            Assert.That(issued.DueAt, Is.EqualTo(InvoiceHarness.Start.AddDays(30)), "the default payment term is 30 days");

            Assert.That(invoice.InvoiceNumber, Is.EqualTo(issued.InvoiceNumber));
            Assert.That((invoice.Year, invoice.Sequence), Is.EqualTo((2026, 1)));
            Assert.That((invoice.Net, invoice.Tax, invoice.Gross), Is.EqualTo((issued.Net, issued.Tax, issued.Gross)));
            Assert.That(invoice.DueAt, Is.EqualTo(issued.DueAt));
            Assert.That(invoice.SourceEventId, Is.EqualTo(confirmed.EventId));
            Assert.That(invoice.Items.OrderBy(i => i.LineNo).Select(i => (i.LineNo, i.Sku, i.Quantity, i.UnitPrice, i.Net)),
                Is.EqualTo(new[] { (1, "SKU-001", 2, 12.50m, 25.00m), (2, "SKU-002", 1, 5.00m, 5.00m) }));
            // Cents shown as cents: 2 × 12.50 is 25.0 to decimal arithmetic, the invoice says 25.00.
            Assert.That(issued.Lines[0].Net.ToString(System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo("25.00"));
        }
    }

    // 3 × 19.99 = 59.97 net in every case.
    [TestCase("EUR", 0.2, 11.99, 71.96, TestName = "EUR at 20 %: 11.994 rounds down")]
    [TestCase("USD", 0.0725, 4.35, 64.32, TestName = "USD at 7.25 %: 4.347825 rounds up")]
    [TestCase("GBP", 0, 0.00, 59.97, TestName = "GBP, no rate configured: 0 %")]
    public async Task Tax_follows_the_currency_and_is_rounded_to_cents(string currency, decimal rate, decimal tax, decimal gross)
    {
        await using var invoicing = await InvoiceHarness.StartAsync(Rates);

        await invoicing.ConsumeSuccessfullyAsync(OrderConfirmed("order-1", [Line("SKU-001", 3, 19.99m)], currency));

        var issued = invoicing.Published<InvoiceIssued>().Single();
        Assert.That((issued.Currency, issued.Net, issued.TaxRate, issued.Tax, issued.Gross), Is.EqualTo((currency, 59.97m, rate, tax, gross)));
    }

    [Test]
    public async Task Payment_term_is_configurable()
    {
        await using var invoicing = await InvoiceHarness.StartAsync(new Dictionary<string, string?> { ["PaymentTerm"] = "14.12:00:00" });

        await invoicing.ConsumeSuccessfullyAsync(OrderConfirmed("order-1"));

        Assert.That(invoicing.Published<InvoiceIssued>().Single().DueAt, Is.EqualTo(InvoiceHarness.Start + new TimeSpan(14, 12, 0, 0)));
    }

    [Test]
    public async Task A_second_confirmation_of_an_invoiced_order_issues_nothing_and_takes_no_number()
    {
        await using var invoicing = await InvoiceHarness.StartAsync();
        var first = OrderConfirmed("order-1");
        var resent = OrderConfirmed("order-1");
        Assert.That(resent.EventId, Is.Not.EqualTo(first.EventId));

        await invoicing.ConsumeSuccessfullyAsync(first);
        await invoicing.ConsumeSuccessfullyAsync(resent);
        await invoicing.ConsumeSuccessfullyAsync(OrderConfirmed("order-2"));

        var invoices = await invoicing.InvoicesAsync("order-1");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(invoices, Has.Count.EqualTo(1));
            Assert.That(invoices[0].SourceEventId, Is.EqualTo(first.EventId));
            Assert.That(invoicing.Published<InvoiceIssued>().Select(i => i.InvoiceNumber), Is.EqualTo(new[] { "INV-2026-000001", "INV-2026-000002" }));
            Assert.That(await invoicing.LastNumberAsync(2026), Is.EqualTo(2), "the re-sent confirmation took no number");
        }
    }

    [Test]
    public async Task Numbers_are_consecutive_within_a_year_and_start_again_at_1_in_the_next()
    {
        await using var invoicing = await InvoiceHarness.StartAsync(now: new DateTimeOffset(2026, 12, 31, 23, 59, 58, TimeSpan.Zero));

        await invoicing.ConsumeSuccessfullyAsync(OrderConfirmed("order-1"));
        await invoicing.ConsumeSuccessfullyAsync(OrderConfirmed("order-2"));
        invoicing.Clock.Advance(TimeSpan.FromSeconds(3));
        await invoicing.ConsumeSuccessfullyAsync(OrderConfirmed("order-3"));
        await invoicing.ConsumeSuccessfullyAsync(OrderConfirmed("order-4"));

        var issued = invoicing.Published<InvoiceIssued>();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(issued.Select(i => i.InvoiceNumber), Is.EqualTo(new[] { "INV-2026-000001", "INV-2026-000002", "INV-2027-000001", "INV-2027-000002" }));
            Assert.That(issued.Select(i => i.IssuedAt.Year), Is.EqualTo(new[] { 2026, 2026, 2027, 2027 }), "each number carries the year of its issue date");
            Assert.That((await invoicing.LastNumberAsync(2026), await invoicing.LastNumberAsync(2027)), Is.EqualTo((2L, 2L)));
        }
    }

    [TestCaseSource(nameof(Uninvoiceable))]
    public async Task An_order_that_cannot_be_invoiced_fails_permanently_and_takes_no_number(string orderId, EventEnvelope<OrderConfirmed> confirmed)
    {
        await using var invoicing = await InvoiceHarness.StartAsync();

        var consumed = await invoicing.ConsumeAsync(confirmed);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(consumed.Exception, Is.InstanceOf<InvalidOrderConfirmedException>());
            Assert.That(await invoicing.InvoicesAsync(orderId), Is.Empty);
            Assert.That(invoicing.Published<InvoiceIssued>(), Is.Empty);
            Assert.That(await invoicing.LastNumberAsync(2026), Is.Zero);
        }
    }

    private static IEnumerable<TestCaseData> Uninvoiceable()
    {
        yield return Case("negative quantity", OrderConfirmed("bad-1", [Line("SKU-001", -1, 10m)]));
        yield return Case("zero quantity", OrderConfirmed("bad-2", [Line("SKU-001", 0, 10m)]));
        yield return Case("negative unit price", OrderConfirmed("bad-3", [Line("SKU-001", 1, -0.01m)]));
        yield return Case("blank sku", OrderConfirmed("bad-4", [Line(" ", 1, 1m)]));
        yield return Case("no lines", OrderConfirmed("bad-5", []));
        yield return Case("total that is not the lines' sum", OrderConfirmed("bad-6", total: 29.99m));
        yield return Case("currency not an ISO code", OrderConfirmed("bad-7", currency: "euro"));
        yield return Case("no customer", OrderConfirmed("bad-8", customerId: ""));

        static TestCaseData Case(string name, EventEnvelope<OrderConfirmed> confirmed) =>
            new TestCaseData(confirmed.OrderId, confirmed).SetName($"An order with {name} is not invoiced");
    }
}
