using Fulfillment.Messaging.Hosting;
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
        .PrepareBatchesWith<NotificationBatchPreparer>()
        .AddConsumer<LearnRecipient>()
        .AddConsumer<NotifyCustomer>()
        // SMTP unreachable or refusing for now: bounded retries with back-off, then the dead-letter topic, and the
        // partition goes on (docs/decisions/0018). Not waited out: an outage must not hold every order's email forever.
        .RetryWith(policy => policy.RetrySmtpFailures(retry))));
builder.Services.AddNotifications(builder.Configuration);

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapNotificationEndpoints();
app.Run();

/// <summary>The entry point, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
