using Fulfillment.Messaging.Outbox;
using Microsoft.EntityFrameworkCore;

namespace Fulfillment.OrderService.Persistence;

/// <summary>The order_db schema as written by Migrations/0001_orders.sql (kept in step by hand: no EF migrations here).</summary>
public sealed class OrderDbContext(DbContextOptions<OrderDbContext> options) : DbContext(options)
{
    public const string IdempotencyKeyConstraint = "pk_idempotency_keys";

    public DbSet<Order> Orders => Set<Order>();

    public DbSet<OrderItem> OrderLines => Set<OrderItem>();

    public DbSet<IdempotencyRecord> IdempotencyKeys => Set<IdempotencyRecord>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddOutboxMessages();

        modelBuilder.Entity<Order>(entity =>
        {
            entity.ToTable("orders");
            entity.HasKey(o => o.OrderId);
            entity.Property(o => o.OrderId).HasColumnName("order_id").ValueGeneratedNever();
            entity.Property(o => o.CustomerId).HasColumnName("customer_id").HasMaxLength(64);
            entity.Property(o => o.Status).HasColumnName("status").HasMaxLength(32);
            entity.Property(o => o.Currency).HasColumnName("currency").HasMaxLength(3).IsFixedLength();
            entity.Property(o => o.Total).HasColumnName("total").HasPrecision(20, 4);
            entity.Property(o => o.DeliveryLatitude).HasColumnName("delivery_lat");
            entity.Property(o => o.DeliveryLongitude).HasColumnName("delivery_lon");
            entity.Property(o => o.CorrelationId).HasColumnName("correlation_id").HasMaxLength(128);
            entity.Property(o => o.CreatedAt).HasColumnName("created_at");
            entity.HasMany(o => o.Lines).WithOne().HasForeignKey(l => l.OrderId).OnDelete(DeleteBehavior.Cascade);
            entity.Navigation(o => o.Lines).AutoInclude();
        });

        modelBuilder.Entity<OrderItem>(entity =>
        {
            entity.ToTable("order_lines");
            entity.HasKey(l => new { l.OrderId, l.LineNo });
            entity.Property(l => l.OrderId).HasColumnName("order_id");
            entity.Property(l => l.LineNo).HasColumnName("line_no").ValueGeneratedNever();
            entity.Property(l => l.Sku).HasColumnName("sku").HasMaxLength(64);
            entity.Property(l => l.Quantity).HasColumnName("quantity");
            entity.Property(l => l.UnitPrice).HasColumnName("unit_price").HasPrecision(18, 4);
        });

        modelBuilder.Entity<IdempotencyRecord>(entity =>
        {
            entity.ToTable("idempotency_keys");
            entity.HasKey(k => k.Key).HasName(IdempotencyKeyConstraint);
            entity.Property(k => k.Key).HasColumnName("idempotency_key").HasMaxLength(128);
            entity.Property(k => k.RequestHash).HasColumnName("request_hash").HasMaxLength(64).IsFixedLength();
            entity.Property(k => k.OrderId).HasColumnName("order_id");
            entity.Property(k => k.CreatedAt).HasColumnName("created_at");
            entity.HasOne<Order>().WithMany().HasForeignKey(k => k.OrderId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
