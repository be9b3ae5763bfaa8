using Fulfillment.Messaging.Outbox;
using Fulfillment.Messaging.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Fulfillment.NotificationService.Persistence;

/// <summary>The notification database; the mapping matches Migrations/0001_notifications.sql exactly.</summary>
public sealed class NotificationDbContext(DbContextOptions<NotificationDbContext> options) : ServiceDbContext(options)
{
    private static readonly ValueConverter<NotificationStatus, string> StatusConverter = new(
        status => NotificationStatusText.Format(status),
        column => NotificationStatusText.Parse(column));

    public DbSet<Recipient> Recipients => Set<Recipient>();

    public DbSet<Notification> Notifications => Set<Notification>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddOutboxMessages();

        modelBuilder.Entity<Recipient>(entity =>
        {
            entity.ToTable("recipients");
            entity.HasKey(r => r.OrderId);
        });

        modelBuilder.Entity<Notification>(entity =>
        {
            entity.ToTable("notifications");
            entity.HasKey(n => n.NotificationId);
            entity.Property(n => n.NotificationId).ValueGeneratedNever();
            entity.HasIndex(n => new { n.OrderId, n.Kind }).IsUnique();
            entity.Property(n => n.Status).HasConversion(StatusConverter);
        });
    }
}
