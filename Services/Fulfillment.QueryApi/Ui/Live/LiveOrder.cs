using Fulfillment.QueryApi.Orders.Queries;
using Fulfillment.Sagas.Queries;

namespace Fulfillment.QueryApi.Ui.Live;

/// <summary>What an order's stream pushes on each change: the read model's order and its saga (null until it has one).</summary>
public sealed record LiveOrder(OrderDetails Order, OrderSagaView? Saga);
