using MimeKit;

namespace Fulfillment.NotificationService.Smtp;

public static class SmtpServiceCollectionExtensions
{
    public static IServiceCollection AddSmtpMailer(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SmtpOptions>()
            .Bind(configuration.GetSection(SmtpOptions.SectionName))
            .Validate(o => !string.IsNullOrWhiteSpace(o.Host), "Notification:Smtp:Host is required.")
            .Validate(o => o.Port is > 0 and <= 65535, "Notification:Smtp:Port must be a TCP port.")
            .Validate(o => MailboxAddress.TryParse(o.From, out _), "Notification:Smtp:From must be a mailbox address.")
            .Validate(o => o.Timeout > TimeSpan.Zero, "Notification:Smtp:Timeout must be positive.")
            .ValidateOnStart();
        services.AddSingleton<AcceptedMessageIds>();
        services.AddSingleton<SmtpMailer>();
        return services;
    }
}
