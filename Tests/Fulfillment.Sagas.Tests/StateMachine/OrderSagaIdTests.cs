using NUnit.Framework;

namespace Fulfillment.Sagas.Tests.StateMachine;

[TestFixture]
public sealed class OrderSagaIdTests
{
    [Test]
    public void A_UUID_order_id_is_its_own_saga_id_in_any_spelling()
    {
        var orderId = Guid.NewGuid();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(OrderSagaId.From(orderId.ToString()), Is.EqualTo(orderId));
            Assert.That(OrderSagaId.From(orderId.ToString().ToUpperInvariant()), Is.EqualTo(orderId));
            Assert.That(OrderSagaId.From(orderId.ToString("B")), Is.EqualTo(orderId));
        }
    }

    [Test]
    public void Any_other_order_id_gets_a_stable_name_based_version_8_UUID()
    {
        var id = OrderSagaId.From("ORD-1");
        var text = id.ToString();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(OrderSagaId.From("ORD-1"), Is.EqualTo(id));
            Assert.That(OrderSagaId.From("ORD-2"), Is.Not.EqualTo(id));
            Assert.That(OrderSagaId.From("ord-1"), Is.Not.EqualTo(id));
            Assert.That(text[14], Is.EqualTo('8'), "version nibble");
            Assert.That(text[19], Is.AnyOf('8', '9', 'a', 'b'), "RFC 9562 variant");
        }
    }

    [Test]
    public void The_name_based_ids_never_change_across_releases()
    {
        // Pinned: a change of namespace or algorithm would orphan every stored saga of a non-UUID order.
        Assert.That(OrderSagaId.From("ORD-1"), Is.EqualTo(Guid.Parse(PinnedOrd1)));
    }

    private const string PinnedOrd1 = "b12d6ed1-0657-8e52-8410-14fac14e4bd2";
}
