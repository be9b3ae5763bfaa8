using Fulfillment.InvoiceService.Invoices;
using Fulfillment.InvoiceService.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using NUnit.Framework;
using static Fulfillment.InvoiceService.Tests.Support.Envelopes;

namespace Fulfillment.InvoiceService.Tests.Invoices;

[TestFixture]
public sealed class InvoiceEndpointsTests : InvoiceHarnessTest
{
    [Test]
    public async Task Invoices_of_an_order_are_listed()
    {
        await Invoicing.ConsumeSuccessfullyAsync(OrderConfirmed("order-1"));
        await Invoicing.ConsumeSuccessfullyAsync(OrderConfirmed("order-2"));

        var result = await Invoicing.QueryAsync(db => InvoiceEndpoints.ListAsync("order-2", db, CancellationToken.None));

        var invoice = ((Ok<List<InvoiceResponse>>)result.Result).Value!.Single();
        using (Assert.EnterMultipleScope())
        {
            Assert.That((invoice.InvoiceNumber, invoice.OrderId), Is.EqualTo(("INV-2026-000002", "order-2")));
            Assert.That((invoice.Net, invoice.Tax, invoice.Gross, invoice.Currency), Is.EqualTo((30.00m, 0.00m, 30.00m, "EUR")));
            Assert.That(invoice.Lines.Select(l => l.Sku), Is.EqualTo(new[] { "SKU-001", "SKU-002" }));
        }
    }

    [Test]
    public async Task An_order_without_an_invoice_lists_none()
    {
        var result = await Invoicing.QueryAsync(db => InvoiceEndpoints.ListAsync("order-x", db, CancellationToken.None));

        Assert.That(((Ok<List<InvoiceResponse>>)result.Result).Value, Is.Empty);
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("  ")]
    public async Task Listing_without_an_order_is_a_problem_400(string? orderId)
    {
        var result = await Invoicing.QueryAsync(db => InvoiceEndpoints.ListAsync(orderId, db, CancellationToken.None));

        var problem = (ValidationProblem)result.Result;
        Assert.That((problem.StatusCode, problem.ProblemDetails.Errors.Keys.Single()), Is.EqualTo((StatusCodes.Status400BadRequest, "orderId")));
    }

    [Test]
    public async Task Invoice_is_found_by_its_number()
    {
        await Invoicing.ConsumeSuccessfullyAsync(OrderConfirmed("order-1"));

        var result = await Invoicing.QueryAsync(db => InvoiceEndpoints.GetAsync("INV-2026-000001", db, CancellationToken.None));

        var invoice = ((Ok<InvoiceResponse>)result.Result).Value!;
        Assert.That((invoice.OrderId, invoice.DueAt), Is.EqualTo(("order-1", InvoiceHarness.Start.AddDays(30))));
    }

    [Test]
    public async Task Unknown_invoice_number_is_a_problem_404()
    {
        var result = await Invoicing.QueryAsync(db => InvoiceEndpoints.GetAsync("INV-2026-000001", db, CancellationToken.None));

        Assert.That((result.Result as ProblemHttpResult)?.StatusCode, Is.EqualTo(StatusCodes.Status404NotFound));
    }

    [TestCase("INV-2026-1")]
    [TestCase("inv-2026-000001")]
    [TestCase("INV-26-000001")]
    [TestCase("order-1")]
    public async Task Malformed_invoice_number_is_a_problem_400(string invoiceNumber)
    {
        var result = await Invoicing.QueryAsync(db => InvoiceEndpoints.GetAsync(invoiceNumber, db, CancellationToken.None));

        Assert.That((result.Result as ValidationProblem)?.StatusCode, Is.EqualTo(StatusCodes.Status400BadRequest));
    }
}
