using Microsoft.EntityFrameworkCore;

namespace Fulfillment.Messaging.Outbox;

public static class OutboxModelBuilderExtensions
{
    /// <summary>Maps the chassis outbox table into a service's DbContext, so that events save with its changes.</summary>
    public static ModelBuilder AddOutboxMessages(this ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<OutboxMessage>(entity =>
        {
            entity.ToTable("outbox_messages");
            entity.HasKey(m => m.Id);
            entity.Property(m => m.Id).HasColumnName("id").UseIdentityAlwaysColumn();
            entity.Property(m => m.EventId).HasColumnName("event_id");
            entity.Property(m => m.Topic).HasColumnName("topic");
            entity.Property(m => m.MessageKey).HasColumnName("message_key");
            entity.Property(m => m.EventType).HasColumnName("event_type");
            entity.Property(m => m.CorrelationId).HasColumnName("correlation_id");
            entity.Property(m => m.TraceParent).HasColumnName("traceparent");
            entity.Property(m => m.Envelope).HasColumnName("envelope");
            entity.Property(m => m.CreatedAt).HasColumnName("created_at");
            entity.Property(m => m.Attempts).HasColumnName("attempts");
            entity.Property(m => m.NextAttemptAt).HasColumnName("next_attempt_at");
            entity.Property(m => m.LastError).HasColumnName("last_error");
        });
        return modelBuilder;
    }
}
