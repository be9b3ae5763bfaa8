using System.Net.Sockets;
using Fulfillment.Messaging.Consuming;
using MailKit;
using MailKit.Net.Smtp;

namespace Fulfillment.NotificationService.Smtp;

public static class SmtpFailures
{
    /// <summary>
    /// What MailKit throws when the SMTP server is down or misbehaves, checked against a refused port, a listener that
    /// never greets, one that hangs up and one that answers 421: <see cref="SocketException"/> (refused, unreachable),
    /// <see cref="TimeoutException"/> (no answer within <c>Notification:Smtp:Timeout</c>; the chassis would wait such a
    /// failure out forever, which would hold the lane and never dead-letter), <see cref="SmtpProtocolException"/> and
    /// <see cref="IOException"/> (disconnected mid-session), <see cref="ServiceNotConnectedException"/>,
    /// <see cref="SmtpCommandException"/> (a 4xx reply). All are retried with back-off, bounded, then dead-lettered; a
    /// 5xx refusal (<see cref="MailRejectedException"/>) is dead-lettered at once.
    /// </summary>
    public static RecordRetryPolicy RetrySmtpFailures(this RecordRetryPolicy retry, NotificationRetryOptions options) =>
        retry
            .Transient<SocketException>()
            .Transient<TimeoutException>()
            .Transient<IOException>()
            .Transient<ProtocolException>()
            .Transient<CommandException>()
            .Transient<ServiceNotConnectedException>()
            .Permanent<MailRejectedException>()
            .Retries(options.Limit)
            .Backoff(options.MinInterval, options.MaxInterval, options.IntervalDelta);
}
