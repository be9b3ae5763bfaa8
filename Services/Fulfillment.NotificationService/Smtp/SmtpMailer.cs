using MailKit.Net.Smtp;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Fulfillment.NotificationService.Smtp;

/// <summary>
/// Hands emails to the SMTP server with MailKit, one connection per call, and never the same Message-Id twice from this
/// process (<see cref="AcceptedMessageIds"/>): a replayed unit of work skips what already left.
/// </summary>
public sealed class SmtpMailer(IOptions<SmtpOptions> options, AcceptedMessageIds accepted, ILogger<SmtpMailer> logger)
{
    private readonly SmtpOptions _options = options.Value;

    /// <summary>Returns once the server accepted every message; throws MailKit's exceptions (or <see cref="MailRejectedException"/>) otherwise.</summary>
    public async Task SendAsync(IReadOnlyList<MimeMessage> messages, CancellationToken cancellationToken)
    {
        var toSend = new List<MimeMessage>(messages.Count);
        foreach (var message in messages)
        {
            // A message without a Message-Id could not be recognised again; every email here has one.
            if (message.MessageId is { } messageId && accepted.Contains(messageId))
            {
                Log.AlreadyAccepted(logger, messageId);
            }
            else
            {
                toSend.Add(message);
            }
        }

        if (toSend.Count == 0)
        {
            return;
        }

        using var client = new SmtpClient { Timeout = (int)_options.Timeout.TotalMilliseconds };
        // Connect (and authenticate) before the first message: an unreachable server fails here, before anything was sent.
        await client.ConnectAsync(_options.Host, _options.Port, _options.Security, cancellationToken);
        if (!string.IsNullOrEmpty(_options.UserName))
        {
            await client.AuthenticateAsync(_options.UserName, _options.Password ?? string.Empty, cancellationToken);
        }

        foreach (var message in toSend)
        {
            try
            {
                await client.SendAsync(message, cancellationToken);
                if (message.MessageId is { } messageId)
                {
                    accepted.Add(messageId);
                }
            }
            catch (SmtpCommandException ex) when ((int)ex.StatusCode >= 500)
            {
                throw new MailRejectedException($"The SMTP server refused {message.MessageId}: {(int)ex.StatusCode} {ex.Message}", ex);
            }
        }

        try
        {
            await client.DisconnectAsync(quit: true, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Every message was accepted already: a failed QUIT must not fail the record, or the emails would go again.
            Log.SmtpQuitFailed(logger, ex, _options.Host, _options.Port);
        }
    }
}
