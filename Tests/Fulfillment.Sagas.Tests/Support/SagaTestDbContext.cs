using Fulfillment.Messaging.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Fulfillment.Sagas.Tests.Support;

/// <summary>A service's DbContext as the saga repository sees it: it only borrows its connection and transaction.</summary>
public sealed class SagaTestDbContext(DbContextOptions<SagaTestDbContext> options) : ServiceDbContext(options);
