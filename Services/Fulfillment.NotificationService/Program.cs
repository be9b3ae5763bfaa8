using Fulfillment.Messaging.Hosting;
using Fulfillment.Messaging.Persistence;
using Fulfillment.NotificationService.Notifications;
using Fulfillment.NotificationService.Persistence;
using Fulfillment.NotificationService.Recipients;
using Fulfillment.NotificationService.Smtp;
using Fulfillment.ServiceDefaults.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("notification-service");
var retry = builder.Configuration.GetSection(NotificationRetryOptions.SectionName).Get<NotificationRetryOptions>() ?? new();
builder.AddMessaging<NotificationDbContext>(messaging => messaging
    .AddConsumerGroup(group => group
        .AddConsumer<LearnRecipient>()
        .AddConsumer<NotifyCustomer>()
        // An email leaves before its unit of work commits, and a failed batch is replayed record by record: in a batch
        // of 30 failing at its 30th email, the first 29 would go again. One record per unit of work, one email at stake.
        .BatchesOf(1)
        // SMTP unreachable or refusing for now: bounded retries with back-off, then the dead-letter topic, and the
        // partition goes on (docs/decisions/0018). Not waited out: an outage must not hold every order's email forever.
        .RetryWith(policy => policy.RetrySmtpFailures(retry))));
builder.Services.AddSmtpMailer(builder.Configuration);
builder.Services.AddScoped<OrderLocks>();
builder.Services.AddScoped<CustomerNotifier>();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapNotificationEndpoints();
app.Run();

/// <summary>The entry point, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
