using Fulfillment.Messaging.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Fulfillment.QueryApi.Persistence;

/// <summary>
/// query_db. The mapping mirrors Migrations/*.sql exactly (no EF migrations here). Writes to the read model and the
/// dead letters are SQL statements (upserts and merges) run in the scope's transaction; EF is the reading side.
/// </summary>
public sealed class QueryDbContext(DbContextOptions<QueryDbContext> options) : ServiceDbContext(options)
{
    public DbSet<OrderRecord> Orders => Set<OrderRecord>();

    public DbSet<TimelineRecord> Timeline => Set<TimelineRecord>();

    public DbSet<DeadLetterRecord> DeadLetters => Set<DeadLetterRecord>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        // query-api publishes nothing, but the chassis' outbox relay reads this table in every service database.

        modelBuilder.Entity<OrderRecord>(entity =>
        {
            entity.ToTable("orders");
            entity.HasKey(o => o.OrderId);
            entity.Property(o => o.Items).HasColumnType("jsonb");
            entity.Property(o => o.Total).HasColumnType("numeric");
        });

        modelBuilder.Entity<TimelineRecord>(entity =>
        {
            entity.ToTable("order_timeline");
            entity.HasKey(t => t.EventId);
            entity.Property(t => t.Payload).HasColumnType("jsonb");
        });

        modelBuilder.Entity<DeadLetterRecord>(entity =>
        {
            entity.ToTable("dead_letters");
            entity.HasKey(d => d.Id);
            entity.Property(d => d.Id).UseIdentityAlwaysColumn();
            entity.Property(d => d.Headers).HasColumnType("jsonb");
        });
    }
}
