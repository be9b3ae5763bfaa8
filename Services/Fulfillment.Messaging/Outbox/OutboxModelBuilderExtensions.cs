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
            entity.Property(m => m.Id).UseIdentityAlwaysColumn();
            entity.Property(m => m.TraceParent).HasColumnName("traceparent");
        });
        return modelBuilder;
    }
}
