using Fulfillment.NotificationService.Notifications;
using Fulfillment.NotificationService.Tests.Support;
using Microsoft.AspNetCore.Http.HttpResults;
using NUnit.Framework;
using static Fulfillment.NotificationService.Tests.Support.Envelopes;

namespace Fulfillment.NotificationService.Tests.Notifications;

[TestFixture]
public sealed class NotificationEndpointsTests : NotificationHarnessTest
{
    [Test]
    public async Task Emails_of_an_order_are_listed_oldest_first()
    {
        await Notifications.ConsumeSuccessfullyAsync(DeliveryAssigned("order-1"));
        await Notifications.ConsumeSuccessfullyAsync(OrderCreated("order-1", EmailOf("order-1")));
        await Notifications.ConsumeSuccessfullyAsync(DeliveryCompleted("order-1"));
        await Notifications.ConsumeSuccessfullyAsync(OrderCreated("order-2", email: null));
        await Notifications.ConsumeSuccessfullyAsync(PaymentFailed("order-2"));

        var first = await ListAsync("order-1");
        var second = await ListAsync("order-2");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(first.Select(n => (n.Kind, n.Status, n.Recipient)), Is.EqualTo(new[]
            {
                ("driver-assigned", "sent", EmailOf("order-1")),
                ("delivered", "sent", EmailOf("order-1")),
            }));
            Assert.That(first[0].MessageId, Is.EqualTo("<order-1.driver-assigned@notification.fulfillment>"));
            Assert.That(first.Select(n => n.SentAt), Is.All.Not.Null);
            Assert.That(second.Select(n => (n.Kind, n.Status, n.Recipient)), Is.EqualTo(new[] { ("payment-failed", "no-recipient", (string?)null) }));
            Assert.That(await ListAsync("order-unknown"), Is.Empty);
        }
    }

    [Test]
    public async Task A_query_without_an_order_is_a_validation_problem()
    {
        var result = await Notifications.QueryAsync(db => NotificationEndpoints.ListAsync(" ", db, CancellationToken.None));

        Assert.That(((ValidationProblem)result.Result).ProblemDetails.Errors.Keys, Is.EqualTo(new[] { "orderId" }));
    }

    private async Task<List<NotificationResponse>> ListAsync(string orderId)
    {
        var result = await Notifications.QueryAsync(db => NotificationEndpoints.ListAsync(orderId, db, CancellationToken.None));
        return ((Ok<List<NotificationResponse>>)result.Result).Value!;
    }
}
