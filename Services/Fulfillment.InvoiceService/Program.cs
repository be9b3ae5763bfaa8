using Fulfillment.InvoiceService.Invoices;
using Fulfillment.InvoiceService.Persistence;
using Fulfillment.Messaging.Hosting;
using Fulfillment.ServiceDefaults.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("invoice-service");
builder.AddMessaging<InvoiceDbContext>(messaging => messaging
    .AddConsumerGroup(group => group
        .PrepareBatchesWith<InvoiceBatchPreparer>()
        .AddConsumer<IssueInvoice>()
        .AddConsumer<CreditInvoice>()
        // An order.confirmed that breaks the contract breaks it on every attempt: to the dead-letter topic at once.
        .RetryWith(retry => retry.Permanent<InvalidOrderConfirmedException>())));
builder.Services.AddInvoicing(builder.Configuration);

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapInvoiceEndpoints();
app.Run();

/// <summary>The entry point, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
