using Fulfillment.InvoiceService.Numbering;
using Fulfillment.Messaging.Persistence;

namespace Fulfillment.InvoiceService.Invoices;

public static class InvoicingServiceCollectionExtensions
{
    /// <summary>The invoice options (validated at start-up) and the unit of work's scoped helpers.</summary>
    public static IServiceCollection AddInvoicing(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<InvoiceOptions>()
            .Bind(configuration.GetSection(InvoiceOptions.SectionName))
            .Validate(o => o.TaxRates.Values.All(rate => rate is >= 0 and <= 1), "Invoice:TaxRates must be fractions from 0 to 1 (0.2 is 20 %).")
            .Validate(
                o => o.TaxRates.Keys.All(code => code.Length == 3 && code.All(char.IsAsciiLetterUpper)),
                "Invoice:TaxRates keys must be ISO 4217 codes in upper case, such as EUR.")
            .Validate(o => o.PaymentTerm >= TimeSpan.Zero, "Invoice:PaymentTerm must not be negative.")
            .ValidateOnStart();
        services.AddScoped<OrderLocks>();
        services.AddScoped<InvoicedOrders>();
        services.AddScoped<OrderCancellations>();
        services.AddScoped<InvoiceNumbers>();
        services.AddScoped<CreditNoteNumbers>();
        return services;
    }
}
