using Fulfillment.Messaging.Outbox;
using Fulfillment.Messaging.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Fulfillment.Benchmarks;

public sealed class BenchDbContext(DbContextOptions<BenchDbContext> options) : ServiceDbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddOutboxMessages();
        modelBuilder.Entity<BenchEvent>(entity =>
        {
            entity.ToTable("bench_events");
            entity.HasKey(e => e.EventId);
        });
    }
}
