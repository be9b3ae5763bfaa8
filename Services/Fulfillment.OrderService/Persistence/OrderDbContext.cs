using Fulfillment.Messaging.Outbox;
using Fulfillment.Messaging.Persistence;
using Fulfillment.OrderService.Orders;
using Microsoft.EntityFrameworkCore;

namespace Fulfillment.OrderService.Persistence;

/// <summary>The order_db schema as written by Migrations/*.sql (kept in step by hand: no EF migrations here).</summary>
public sealed class OrderDbContext(DbContextOptions<OrderDbContext> options) : ServiceDbContext(options)
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
            entity.Property(o => o.OrderId).ValueGeneratedNever();
            entity.Property(o => o.CustomerId).HasMaxLength(64);
            entity.Property(o => o.CustomerEmail).HasMaxLength(CustomerEmail.MaxLength);
            entity.Property(o => o.Status).HasMaxLength(32);
            entity.Property(o => o.Currency).HasMaxLength(3).IsFixedLength();
            entity.Property(o => o.Total).HasPrecision(20, 4);
            entity.Property(o => o.DeliveryLatitude).HasColumnName("delivery_lat");
            entity.Property(o => o.DeliveryLongitude).HasColumnName("delivery_lon");
            entity.Property(o => o.CorrelationId).HasMaxLength(128);
            entity.Property(o => o.CancelReason).HasMaxLength(CancelReason.MaxLength);
            entity.Property(o => o.DeliveryFailureCode).HasMaxLength(64);
            entity.Property(o => o.DeliveryFailureReason).HasMaxLength(256);
            entity.Property(o => o.RefundId).HasMaxLength(128);
            entity.HasMany(o => o.Lines).WithOne().HasForeignKey(l => l.OrderId).OnDelete(DeleteBehavior.Cascade);
            entity.Navigation(o => o.Lines).AutoInclude();
        });

        modelBuilder.Entity<OrderItem>(entity =>
        {
            entity.ToTable("order_lines");
            entity.HasKey(l => new { l.OrderId, l.LineNo });
            entity.Property(l => l.LineNo).ValueGeneratedNever();
            entity.Property(l => l.Sku).HasMaxLength(64);
            entity.Property(l => l.UnitPrice).HasPrecision(18, 4);
        });

        modelBuilder.Entity<IdempotencyRecord>(entity =>
        {
            entity.ToTable("idempotency_keys");
            entity.HasKey(k => k.Key).HasName(IdempotencyKeyConstraint);
            entity.Property(k => k.Key).HasColumnName("idempotency_key").HasMaxLength(128);
            entity.Property(k => k.RequestHash).HasMaxLength(64).IsFixedLength();
            entity.HasOne<Order>().WithMany().HasForeignKey(k => k.OrderId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
