using Fulfillment.Messaging.Outbox;
using Microsoft.EntityFrameworkCore;

namespace Fulfillment.Benchmarks;

public sealed class BenchDbContext(DbContextOptions<BenchDbContext> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddOutboxMessages();
        modelBuilder.Entity<BenchEvent>(entity =>
        {
            entity.ToTable("bench_events");
            entity.HasKey(e => e.EventId);
            entity.Property(e => e.EventId).HasColumnName("event_id");
            entity.Property(e => e.OrderId).HasColumnName("order_id");
            entity.Property(e => e.Amount).HasColumnName("amount");
        });
    }
}
