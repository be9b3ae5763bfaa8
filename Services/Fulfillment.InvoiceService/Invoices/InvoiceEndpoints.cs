using Fulfillment.InvoiceService.Numbering;
using Fulfillment.InvoiceService.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Fulfillment.InvoiceService.Invoices;

/// <summary><c>GET /api/invoices?orderId=</c> and <c>GET /api/invoices/{invoiceNumber}</c>: read-only.</summary>
public static class InvoiceEndpoints
{
    public static IEndpointRouteBuilder MapInvoiceEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var invoices = endpoints.MapGroup("/api/invoices").WithTags("Invoices");
        invoices.MapGet("/", ListAsync)
            .WithName("ListInvoices")
            .WithSummary("List an order's invoices")
            .WithDescription("The invoices of the order named by orderId (required): one once its order.confirmed is handled, with its credit note once its delivery was cancelled or failed; none before (an empty list, not 404, as every listing here). A missing orderId answers 400 with the field error.");
        invoices.MapGet("/{invoiceNumber}", GetAsync)
            .WithName("GetInvoice")
            .WithSummary("Get an invoice")
            .WithDescription("One invoice by its number (INV-2026-000001): lines, net, tax rate, tax, gross, issue and due dates, and the credit note that cancels it, if any (CN-2026-000001, gross, reason, date). 400 when the number is not of that form, 404 when no invoice has it.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return endpoints;
    }

    public static async Task<Results<Ok<List<InvoiceResponse>>, ValidationProblem>> ListAsync(
        string? orderId, InvoiceDbContext db, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(orderId))
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["orderId"] = ["orderId is required: the order whose invoices to list."] },
                title: "Invalid invoice listing query");
        }

        var invoices = await db.Invoices.AsNoTracking()
            .Include(i => i.Items)
            .Include(i => i.CreditNote)
            .Where(i => i.OrderId == orderId)
            .OrderBy(i => i.Year).ThenBy(i => i.Sequence)
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(invoices.Select(InvoiceResponse.From).ToList());
    }

    public static async Task<Results<Ok<InvoiceResponse>, ValidationProblem, ProblemHttpResult>> GetAsync(
        string invoiceNumber, InvoiceDbContext db, CancellationToken cancellationToken)
    {
        if (!InvoiceNumber.TryParse(invoiceNumber, out var number))
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["invoiceNumber"] = ["An invoice number is INV-<year>-<6 digits>, such as INV-2026-000001."] },
                title: "Invalid invoice number");
        }

        var canonical = number.ToString();
        var invoice = await db.Invoices.AsNoTracking()
            .Include(i => i.Items)
            .Include(i => i.CreditNote)
            .SingleOrDefaultAsync(i => i.InvoiceNumber == canonical, cancellationToken);
        return invoice is null
            ? TypedResults.Problem(
                statusCode: StatusCodes.Status404NotFound,
                title: "Invoice not found",
                detail: $"No invoice has the number '{canonical}'.")
            : TypedResults.Ok(InvoiceResponse.From(invoice));
    }
}
