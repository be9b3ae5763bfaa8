namespace Fulfillment.Messaging.Outbox;

/// <summary>What became of a batch's rows: acknowledged, refused (with why), or held back behind a refused row of their key.</summary>
internal sealed class DeliveryOutcome
{
    private readonly Dictionary<long, string> _failed = [];
    private readonly HashSet<long> _heldBack = [];

    public IReadOnlyDictionary<long, string> Failed => _failed;

    /// <summary>Rows not produced because an earlier row of their key failed: they stay in the outbox, untouched.</summary>
    public IReadOnlySet<long> HeldBack => _heldBack;

    public bool AllSent => _failed.Count == 0 && _heldBack.Count == 0;

    public bool WasSent(long id) => !_failed.ContainsKey(id) && !_heldBack.Contains(id);

    public void Fail(long id, string error)
    {
        lock (_failed)
        {
            _failed[id] = error;
        }
    }

    public void HoldBack(long id)
    {
        lock (_heldBack)
        {
            _heldBack.Add(id);
        }
    }
}
