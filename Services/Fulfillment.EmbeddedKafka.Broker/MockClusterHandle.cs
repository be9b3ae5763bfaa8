using System.Runtime.InteropServices;

namespace Fulfillment.EmbeddedKafka.Broker;

/// <summary>
/// Owns an <c>rd_kafka_mock_cluster_t</c>. The cluster keeps using the <c>rd_kafka_t</c> it was created with for
/// its book-keeping (configuration, logging), so this handle keeps that instance alive (AddRef) until the cluster
/// is destroyed, whatever order disposal or finalization happens in.
/// </summary>
internal sealed class MockClusterHandle : SafeHandle
{
    private readonly RdKafkaHandle _owner;

    private MockClusterHandle(RdKafkaHandle owner)
        : base(nint.Zero, ownsHandle: true) => _owner = owner;

    public override bool IsInvalid => handle == nint.Zero;

    public static MockClusterHandle Create(RdKafkaHandle owner, int brokerCount)
    {
        var cluster = new MockClusterHandle(owner);
        var ownerReferenced = false;
        try
        {
            owner.DangerousAddRef(ref ownerReferenced);
            var pointer = LibRdKafkaMock.MockClusterNew(owner, brokerCount);
            if (pointer == nint.Zero)
            {
                throw new InvalidOperationException(
                    $"librdkafka could not create a mock cluster with {brokerCount} broker(s).");
            }

            cluster.SetHandle(pointer);
            return cluster;
        }
        catch
        {
            if (ownerReferenced)
            {
                owner.DangerousRelease();
            }

            cluster.SetHandleAsInvalid();
            throw;
        }
    }

    protected override bool ReleaseHandle()
    {
        LibRdKafkaMock.MockClusterDestroy(handle);
        _owner.DangerousRelease();
        return true;
    }
}
