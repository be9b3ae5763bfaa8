using Fulfillment.Messaging.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Fulfillment.PaymentService.Persistence;

/// <summary>The payment database; the mapping matches Migrations/0001_payments.sql exactly.</summary>
public sealed class PaymentDbContext(DbContextOptions<PaymentDbContext> options) : DbContext(options)
{
    private static readonly ValueConverter<PaymentStatus, string> StatusConverter = new(
        status => PaymentStatusText.Format(status),
        column => PaymentStatusText.Parse(column));

    public DbSet<Payment> Payments => Set<Payment>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddOutboxMessages();

        modelBuilder.Entity<Payment>(entity =>
        {
            entity.ToTable("payments");
            entity.HasKey(p => p.PaymentId);
            entity.Property(p => p.PaymentId).HasColumnName("payment_id").ValueGeneratedNever();
            entity.Property(p => p.OrderId).HasColumnName("order_id");
            entity.HasIndex(p => p.OrderId).IsUnique();
            entity.Property(p => p.ReservationId).HasColumnName("reservation_id");
            entity.Property(p => p.CustomerId).HasColumnName("customer_id");
            entity.Property(p => p.Amount).HasColumnName("amount").HasColumnType("numeric");
            entity.Property(p => p.Currency).HasColumnName("currency");
            entity.Property(p => p.Status).HasColumnName("status").HasConversion(StatusConverter);
            entity.Property(p => p.AuthCode).HasColumnName("auth_code");
            entity.Property(p => p.DeclineReason).HasColumnName("decline_reason");
            entity.Property(p => p.SourceEventId).HasColumnName("source_event_id");
            entity.Property(p => p.CreatedAt).HasColumnName("created_at");
        });
    }
}
