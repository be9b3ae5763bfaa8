using Fulfillment.Messaging.Outbox;
using Microsoft.EntityFrameworkCore;

namespace Fulfillment.QueryApi.Persistence;

/// <summary>
/// query_db. The mapping mirrors Migrations/*.sql exactly (no EF migrations here). Writes to the read model and the
/// dead letters are SQL statements (upserts and merges) run in the scope's transaction; EF is the reading side.
/// </summary>
public sealed class QueryDbContext(DbContextOptions<QueryDbContext> options) : DbContext(options)
{
    public DbSet<OrderRecord> Orders => Set<OrderRecord>();

    public DbSet<TimelineRecord> Timeline => Set<TimelineRecord>();

    public DbSet<DeadLetterRecord> DeadLetters => Set<DeadLetterRecord>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        // query-api publishes nothing, but the chassis' outbox relay reads this table in every service database.
        modelBuilder.AddOutboxMessages();

        modelBuilder.Entity<OrderRecord>(entity =>
        {
            entity.ToTable("orders");
            entity.HasKey(o => o.OrderId);
            entity.Property(o => o.OrderId).HasColumnName("order_id");
            entity.Property(o => o.Status).HasColumnName("status");
            entity.Property(o => o.StatusRank).HasColumnName("status_rank");
            entity.Property(o => o.CorrelationId).HasColumnName("correlation_id");
            entity.Property(o => o.CustomerId).HasColumnName("customer_id");
            entity.Property(o => o.Items).HasColumnName("items").HasColumnType("jsonb");
            entity.Property(o => o.Total).HasColumnName("total").HasColumnType("numeric");
            entity.Property(o => o.Currency).HasColumnName("currency");
            entity.Property(o => o.DeliveryLatitude).HasColumnName("delivery_latitude");
            entity.Property(o => o.DeliveryLongitude).HasColumnName("delivery_longitude");
            entity.Property(o => o.ReservationId).HasColumnName("reservation_id");
            entity.Property(o => o.Warehouse).HasColumnName("warehouse");
            entity.Property(o => o.InventoryRejectionReason).HasColumnName("inventory_rejection_reason");
            entity.Property(o => o.InventoryReleaseReason).HasColumnName("inventory_release_reason");
            entity.Property(o => o.PaymentId).HasColumnName("payment_id");
            entity.Property(o => o.PaymentAuthCode).HasColumnName("payment_auth_code");
            entity.Property(o => o.PaymentFailureReason).HasColumnName("payment_failure_reason");
            entity.Property(o => o.DeliveryId).HasColumnName("delivery_id");
            entity.Property(o => o.DriverId).HasColumnName("driver_id");
            entity.Property(o => o.Eta).HasColumnName("eta");
            entity.Property(o => o.EtaSequence).HasColumnName("eta_sequence");
            entity.Property(o => o.DriverLatitude).HasColumnName("driver_latitude");
            entity.Property(o => o.DriverLongitude).HasColumnName("driver_longitude");
            entity.Property(o => o.RemainingKm).HasColumnName("remaining_km");
            entity.Property(o => o.CreatedAt).HasColumnName("created_at");
            entity.Property(o => o.InventoryReservedAt).HasColumnName("inventory_reserved_at");
            entity.Property(o => o.InventoryRejectedAt).HasColumnName("inventory_rejected_at");
            entity.Property(o => o.InventoryReleasedAt).HasColumnName("inventory_released_at");
            entity.Property(o => o.PaymentAuthorizedAt).HasColumnName("payment_authorized_at");
            entity.Property(o => o.PaymentFailedAt).HasColumnName("payment_failed_at");
            entity.Property(o => o.DeliveryAssignedAt).HasColumnName("delivery_assigned_at");
            entity.Property(o => o.DeliveredAt).HasColumnName("delivered_at");
            entity.Property(o => o.FirstEventAt).HasColumnName("first_event_at");
            entity.Property(o => o.LastEventAt).HasColumnName("last_event_at");
            entity.Property(o => o.UpdatedAt).HasColumnName("updated_at");
        });

        modelBuilder.Entity<TimelineRecord>(entity =>
        {
            entity.ToTable("order_timeline");
            entity.HasKey(t => t.EventId);
            entity.Property(t => t.EventId).HasColumnName("event_id");
            entity.Property(t => t.OrderId).HasColumnName("order_id");
            entity.Property(t => t.EventType).HasColumnName("event_type");
            entity.Property(t => t.OccurredAt).HasColumnName("occurred_at");
            entity.Property(t => t.ProducedAt).HasColumnName("produced_at");
            entity.Property(t => t.Producer).HasColumnName("producer");
            entity.Property(t => t.CorrelationId).HasColumnName("correlation_id");
            entity.Property(t => t.CausationId).HasColumnName("causation_id");
            entity.Property(t => t.Payload).HasColumnName("payload").HasColumnType("jsonb");
            entity.Property(t => t.RecordedAt).HasColumnName("recorded_at");
        });

        modelBuilder.Entity<DeadLetterRecord>(entity =>
        {
            entity.ToTable("dead_letters");
            entity.HasKey(d => d.Id);
            entity.Property(d => d.Id).HasColumnName("id").UseIdentityAlwaysColumn();
            entity.Property(d => d.Topic).HasColumnName("topic");
            entity.Property(d => d.Partition).HasColumnName("partition");
            entity.Property(d => d.Offset).HasColumnName("offset");
            entity.Property(d => d.Key).HasColumnName("key");
            entity.Property(d => d.Value).HasColumnName("value");
            entity.Property(d => d.ValueText).HasColumnName("value_text");
            entity.Property(d => d.Headers).HasColumnName("headers").HasColumnType("jsonb");
            entity.Property(d => d.EventType).HasColumnName("event_type");
            entity.Property(d => d.OriginalTopic).HasColumnName("original_topic");
            entity.Property(d => d.OriginalPartition).HasColumnName("original_partition");
            entity.Property(d => d.OriginalOffset).HasColumnName("original_offset");
            entity.Property(d => d.Error).HasColumnName("error");
            entity.Property(d => d.ExceptionType).HasColumnName("exception_type");
            entity.Property(d => d.RetryCount).HasColumnName("retry_count");
            entity.Property(d => d.ConsumerGroup).HasColumnName("consumer_group");
            entity.Property(d => d.FailedAt).HasColumnName("failed_at");
            entity.Property(d => d.RecordedAt).HasColumnName("recorded_at");
            entity.Property(d => d.ReplayedAt).HasColumnName("replayed_at");
            entity.Property(d => d.ReplayCount).HasColumnName("replay_count");
        });
    }
}
