using Fulfillment.Messaging.Outbox;
using Fulfillment.Messaging.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Fulfillment.PaymentService.Persistence;

/// <summary>The payment database; the mapping matches Migrations/0001_payments.sql and 0002_refunds_and_cancellations.sql exactly.</summary>
public sealed class PaymentDbContext(DbContextOptions<PaymentDbContext> options) : ServiceDbContext(options)
{
    private static readonly ValueConverter<PaymentStatus, string> StatusConverter = new(
        status => PaymentStatusText.Format(status),
        column => PaymentStatusText.Parse(column));

    public DbSet<Payment> Payments => Set<Payment>();

    public DbSet<CancelledOrder> CancelledOrders => Set<CancelledOrder>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddOutboxMessages();

        modelBuilder.Entity<Payment>(entity =>
        {
            entity.ToTable("payments");
            entity.HasKey(p => p.PaymentId);
            entity.Property(p => p.PaymentId).ValueGeneratedNever();
            entity.HasIndex(p => p.OrderId).IsUnique();
            entity.Property(p => p.Amount).HasColumnType("numeric");
            entity.Property(p => p.Status).HasConversion(StatusConverter);
            entity.HasIndex(p => p.RefundId).IsUnique();
        });

        modelBuilder.Entity<CancelledOrder>(entity =>
        {
            entity.ToTable("cancelled_orders");
            entity.HasKey(c => c.OrderId);
        });
    }
}
