namespace Fulfillment.NotificationService.Smtp;

/// <summary>
/// The Message-Ids the SMTP server accepted from this process, the most recent <see cref="Capacity"/>. A unit of work
/// that fails after its emails left (a later record of its batch, the commit) is replayed record by record, and the
/// replay must not hand the server the same email again: <see cref="SmtpMailer"/> skips what is here.
/// </summary>
/// <remarks>
/// In memory on purpose: a replay follows its failure within seconds in the same process. What it cannot cover is the
/// window docs/decisions/0018 names, a crash (or a partition moving to another instance) between the server's
/// acceptance and the commit; that resend carries the same Message-Id.
/// </remarks>
public sealed class AcceptedMessageIds
{
    public const int Capacity = 10_000;

    private readonly Lock _gate = new();
    private readonly HashSet<string> _ids = new(StringComparer.Ordinal);
    private readonly Queue<string> _arrival = new();

    public bool Contains(string messageId)
    {
        lock (_gate)
        {
            return _ids.Contains(messageId);
        }
    }

    public void Add(string messageId)
    {
        lock (_gate)
        {
            if (!_ids.Add(messageId))
            {
                return;
            }

            _arrival.Enqueue(messageId);
            if (_arrival.Count > Capacity)
            {
                _ids.Remove(_arrival.Dequeue());
            }
        }
    }
}
