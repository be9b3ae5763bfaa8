using Fulfillment.InventoryService.Reservations;
using Fulfillment.Messages;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using static Fulfillment.InventoryService.Tests.Support.Envelopes;

namespace Fulfillment.InventoryService.Tests.Reservations;

[TestFixture]
public sealed class ReservationEndpointsTests() : InventoryHarnessTest(new Dictionary<string, int> { ["SKU-A"] = 9 })
{
    [Test]
    public async Task Reservation_of_an_order_is_shown_with_its_lines()
    {
        await Inventory.ConsumeSuccessfullyAsync(OrderCreated("order-1", Line("SKU-A", 2)));

        var result = await Inventory.QueryAsync(db => ReservationEndpoints.GetAsync("order-1", db, CancellationToken.None));

        var reservation = ((Ok<ReservationResponse>)result.Result).Value!;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(reservation.OrderId, Is.EqualTo("order-1"));
            Assert.That(reservation.Status, Is.EqualTo("reserved"));
            Assert.That(reservation.ReservationId, Is.EqualTo(Inventory.Published<InventoryReserved>().Single().ReservationId));
            Assert.That(reservation.Lines, Is.EqualTo(new[] { new StockLine("SKU-A", 2) }));
        }
    }

    [Test]
    public async Task Unknown_order_is_a_problem_404()
    {
        var result = await Inventory.QueryAsync(db => ReservationEndpoints.GetAsync("order-x", db, CancellationToken.None));

        Assert.That((result.Result as ProblemHttpResult)?.StatusCode, Is.EqualTo(StatusCodes.Status404NotFound));
    }
}
