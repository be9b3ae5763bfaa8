using Fulfillment.InvoiceService.Invoices;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NUnit.Framework;

namespace Fulfillment.InvoiceService.Tests.Invoices;

[TestFixture]
public sealed class InvoiceOptionsTests
{
    [Test]
    public void Settings_are_read_from_section_Invoice()
    {
        var options = Options(new() { ["Invoice:TaxRates:EUR"] = "0.2", ["Invoice:TaxRates:CHF"] = "0.081", ["Invoice:PaymentTerm"] = "10.00:00:00" });

        using (Assert.EnterMultipleScope())
        {
            Assert.That((options.TaxRateFor("EUR"), options.TaxRateFor("CHF"), options.TaxRateFor("USD")), Is.EqualTo((0.2m, 0.081m, 0m)));
            Assert.That(options.PaymentTerm, Is.EqualTo(TimeSpan.FromDays(10)));
        }
    }

    [Test]
    public void Defaults_are_no_tax_and_thirty_days() =>
        Assert.That((Options([]).TaxRateFor("EUR"), Options([]).PaymentTerm), Is.EqualTo((0m, TimeSpan.FromDays(30))));

    [TestCase("Invoice:TaxRates:EUR", "20", TestName = "A rate of 20 (meant as 20 %) is refused")]
    [TestCase("Invoice:TaxRates:EUR", "-0.1", TestName = "A negative rate is refused")]
    [TestCase("Invoice:TaxRates:eur", "0.2", TestName = "A currency key in lower case is refused")]
    [TestCase("Invoice:PaymentTerm", "-1.00:00:00", TestName = "A negative payment term is refused")]
    public void Invalid_settings_are_refused(string key, string value) =>
        Assert.Throws<OptionsValidationException>(() => Options(new() { [key] = value }));

    private static InvoiceOptions Options(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        using var provider = new ServiceCollection().AddInvoicing(configuration).BuildServiceProvider();
        return provider.GetRequiredService<IOptions<InvoiceOptions>>().Value;
    }
}
