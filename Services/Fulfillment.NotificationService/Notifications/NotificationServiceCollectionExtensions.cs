using Fulfillment.Messaging.Persistence;
using Fulfillment.NotificationService.Smtp;

namespace Fulfillment.NotificationService.Notifications;

public static class NotificationServiceCollectionExtensions
{
    /// <summary>What the consumers need besides the consumer host: the mailer, the order locks and the decisions.</summary>
    public static IServiceCollection AddNotifications(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSmtpMailer(configuration);
        services.AddScoped<OrderLocks>();
        services.AddScoped<LoadedOrders>();
        services.AddScoped<CustomerNotifier>();
        return services;
    }
}
