using Fulfillment.Messaging.Outbox;
using Fulfillment.Messaging.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Fulfillment.Messaging.Tests.Support;

public sealed class SampleDbContext(DbContextOptions<SampleDbContext> options) : ServiceDbContext(options)
{
    public DbSet<HandledEvent> HandledEvents => Set<HandledEvent>();

    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddOutboxMessages();
        modelBuilder.Entity<HandledEvent>(entity =>
        {
            entity.ToTable("handled_events");
            entity.HasKey(e => e.Id);
            entity.Property(e => e.Id).UseIdentityAlwaysColumn();
        });
    }
}
