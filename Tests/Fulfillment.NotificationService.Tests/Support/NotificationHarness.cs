using System.Globalization;
using Fulfillment.NotificationService.Notifications;
using Fulfillment.NotificationService.Persistence;
using Fulfillment.NotificationService.Recipients;
using Fulfillment.NotificationService.Smtp;
using Fulfillment.Testing;
using MassTransit.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Fulfillment.NotificationService.Tests.Support;

/// <summary>
/// notification-service's consumers on MassTransit's in-memory test harness, with their DbContext on a fresh
/// PostgreSQL database and the mailer on a real SMTP server (smtp4dev), registered as the service registers them.
/// </summary>
/// <remarks>No retry and no inbox: the harness has none of the consumer host; those are tested on the real host.</remarks>
public sealed class NotificationHarness(ServiceProvider provider, string connectionString) : HarnessedConsumers<NotificationDbContext>(provider)
{
    public const string From = "Fulfillment <notifications@fulfillment.test>";

    public string ConnectionString { get; } = connectionString;

    public static Task<NotificationHarness> StartAsync(Smtp4devServer smtp) => StartAsync(smtp.Host, smtp.SmtpPort);

    /// <summary>The consumers writing to the SMTP server at <paramref name="smtpHost"/>:<paramref name="smtpPort"/>, listening or not.</summary>
    public static async Task<NotificationHarness> StartAsync(string smtpHost, int smtpPort)
    {
        var connectionString = await TestPostgres.CreateMigratedDatabaseAsync("notification", typeof(NotificationDbContext).Assembly);
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                [$"{SmtpOptions.SectionName}:Host"] = smtpHost,
                [$"{SmtpOptions.SectionName}:Port"] = smtpPort.ToString(CultureInfo.InvariantCulture),
                [$"{SmtpOptions.SectionName}:From"] = From,
                [$"{SmtpOptions.SectionName}:Timeout"] = "00:00:05",
            })
            .Build();
        var services = CreateServices(connectionString, x =>
        {
            x.AddConsumer<LearnRecipient>();
            x.AddConsumer<NotifyCustomer>();
        });
        services.AddNotifications(configuration);

        var serviceProvider = services.BuildServiceProvider(validateScopes: true);
        await serviceProvider.GetRequiredService<ITestHarness>().Start();
        return new NotificationHarness(serviceProvider, connectionString);
    }

    public Task<List<Notification>> NotificationsAsync(string orderId) =>
        QueryAsync(db => db.Notifications.AsNoTracking().Where(n => n.OrderId == orderId).OrderBy(n => n.CreatedAt).ToListAsync());
}
