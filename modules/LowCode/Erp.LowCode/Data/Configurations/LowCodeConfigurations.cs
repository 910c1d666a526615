using System.Text.Json;
using System.Text.Json.Serialization;
using Erp.Kernel.Data;
using Erp.LowCode.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Erp.LowCode.Data.Configurations;

internal sealed class EntityDefinitionConfiguration : IEntityTypeConfiguration<EntityDefinition>
{
    public void Configure(EntityTypeBuilder<EntityDefinition> entity)
    {
        entity.ToTable("entities");
        entity.Property(e => e.Name).HasMaxLength(63);
        entity.Property(e => e.Label).HasMaxLength(200);
        entity.Property(e => e.PluralLabel).HasMaxLength(200);
        entity.Property(e => e.DisplayField).HasMaxLength(63);
        entity.Property(e => e.Icon).HasMaxLength(100);
        entity.Ignore(e => e.Table);
        entity.HasIndex(e => e.Name).IsUnique();
        // The fields and the record rules are the definition's own documents (jsonb): read and written with it, never
        // queried apart from it. Documents, not owned entities, because a lines field holds fields of its own (EF Core's
        // JSON mapping has no recursion), as a rule's filter holds filters; the keys are the properties' names, as EF
        // Core's JSON mapping wrote them.
        entity.Property(e => e.Fields).AsDocument();
        entity.Property(e => e.RecordRules).AsDocument().HasDefaultValueSql("'[]'::jsonb");
        entity.Property(e => e.Workflow).AsOptionalDocument();
        entity.Property(e => e.Ui).AsOptionalDocument();
        entity.Property(e => e.Automations).AsDocument().HasDefaultValueSql("'[]'::jsonb");
    }
}

internal sealed class EntityExtensionConfiguration : IEntityTypeConfiguration<EntityExtension>
{
    public void Configure(EntityTypeBuilder<EntityExtension> extension)
    {
        extension.ToTable("entity_extensions");
        extension.Property(e => e.Entity).HasMaxLength(100);
        extension.HasIndex(e => e.Entity).IsUnique();
        extension.Property(e => e.Fields).AsDocument(); // as an entity's fields
        extension.Property(e => e.Workflow).AsOptionalDocument();
        extension.Property(e => e.Automations).AsDocument().HasDefaultValueSql("'[]'::jsonb");
    }
}

/// <summary>A list kept as its owner's own JSON document (jsonb): read and written with the row, never queried apart from it.</summary>
internal static class Documents
{
    public static readonly JsonSerializerOptions Options = new() { Converters = { new JsonStringEnumConverter() } };

    /// <summary>A value kept as a document, or null: immutable (a record), or replaced whole and never changed in place.</summary>
    public static PropertyBuilder<T?> AsOptionalDocument<T>(this PropertyBuilder<T?> property) where T : class => property.HasColumnType("jsonb").HasConversion(
        value => value == null ? null : JsonSerializer.Serialize(value, Options),
        json => json == null ? null : JsonSerializer.Deserialize<T>(json, Options),
        new ValueComparer<T?>(
            (a, b) => JsonSerializer.Serialize(a, Options) == JsonSerializer.Serialize(b, Options),
            value => JsonSerializer.Serialize(value, Options).GetHashCode(StringComparison.Ordinal),
            value => value));

    public static PropertyBuilder<List<T>> AsDocument<T>(this PropertyBuilder<List<T>> property) => property.HasColumnType("jsonb").HasConversion(
        items => JsonSerializer.Serialize(items, Options),
        json => JsonSerializer.Deserialize<List<T>>(json, Options) ?? new List<T>(),
        new ValueComparer<List<T>>(
            (a, b) => JsonSerializer.Serialize(a, Options) == JsonSerializer.Serialize(b, Options),
            items => JsonSerializer.Serialize(items, Options).GetHashCode(StringComparison.Ordinal),
            items => JsonSerializer.Deserialize<List<T>>(JsonSerializer.Serialize(items, Options), Options)!));
}

internal sealed class WebhookConfiguration : IEntityTypeConfiguration<Webhook>
{
    public void Configure(EntityTypeBuilder<Webhook> webhook)
    {
        webhook.ToTable("webhooks");
        webhook.Property(w => w.Entity).HasMaxLength(63);
        webhook.Property(w => w.Events).AsDocument();
        webhook.Property(w => w.Url).HasMaxLength(2000);
        webhook.Property(w => w.Description).HasMaxLength(200);
        webhook.HasIndex(w => new { w.CompanyId, w.Entity });
    }
}

internal sealed class WebhookDeliveryConfiguration : IEntityTypeConfiguration<WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<WebhookDelivery> delivery)
    {
        delivery.ToTable("webhook_deliveries");
        delivery.Property(d => d.Id).ValueGeneratedNever();
        delivery.Property(d => d.Event).HasConversion<string>().HasMaxLength(20);
        delivery.Property(d => d.Status).HasConversion<string>().HasMaxLength(20);
        delivery.Property(d => d.Entity).HasMaxLength(63);
        delivery.Property(d => d.Payload).HasColumnType("jsonb");
        delivery.Property(d => d.LastError).HasMaxLength(1000);
        delivery.HasOne<Webhook>().WithMany().HasForeignKey(d => d.WebhookId).OnDelete(DeleteBehavior.Cascade);
        delivery.HasIndex(d => new { d.WebhookId, d.CreatedAt });
        delivery.IsNotAudited(); // a log itself
    }
}

internal sealed class SavedViewConfiguration : IEntityTypeConfiguration<SavedView>
{
    public void Configure(EntityTypeBuilder<SavedView> view)
    {
        view.ToTable("saved_views");
        view.Property(v => v.Entity).HasMaxLength(63);
        view.Property(v => v.Name).HasMaxLength(100);
        view.Property(v => v.Filter).AsOptionalDocument();
        view.Property(v => v.Sort).HasMaxLength(64);
        view.Property(v => v.Columns).AsOptionalDocument(); // replaced whole by SavedView.Change, never changed in place
        view.Property(v => v.Search).HasMaxLength(200);
        view.HasIndex(v => new { v.UserId, v.Entity, v.Name }).IsUnique();
        view.IsNotAudited(); // a user's own preference
    }
}

internal sealed class StateChangeConfiguration : IEntityTypeConfiguration<StateChange>
{
    public void Configure(EntityTypeBuilder<StateChange> change)
    {
        change.ToTable("state_changes");
        change.Property(c => c.Id).ValueGeneratedNever();
        change.Property(c => c.Entity).HasMaxLength(63);
        change.Property(c => c.From).HasMaxLength(100);
        change.Property(c => c.To).HasMaxLength(100);
        change.Property(c => c.Transition).HasMaxLength(50);
        change.Property(c => c.Comment).HasMaxLength(1000);
        change.HasIndex(c => new { c.Entity, c.RecordId, c.At });
        change.IsNotAudited(); // the history itself; the record's own change is audited
    }
}

internal sealed class EntityRevisionConfiguration : IEntityTypeConfiguration<EntityRevision>
{
    public void Configure(EntityTypeBuilder<EntityRevision> revision)
    {
        revision.ToTable("revisions");
        revision.Property(r => r.Id).ValueGeneratedNever();
        revision.Property(r => r.Definition).HasColumnType("jsonb");
        revision.HasIndex(r => new { r.EntityId, r.Revision }).IsUnique();
        revision.HasOne<EntityDefinition>().WithMany().HasForeignKey(r => r.EntityId).OnDelete(DeleteBehavior.Cascade);
        revision.IsNotAudited(); // the revision is the history itself
    }
}

internal sealed class AutomationScheduleConfiguration : IEntityTypeConfiguration<AutomationSchedule>
{
    public void Configure(EntityTypeBuilder<AutomationSchedule> schedule)
    {
        schedule.ToTable("automation_schedules");
        schedule.HasKey(s => new { s.Entity, s.Automation });
        schedule.Property(s => s.Entity).HasMaxLength(63);
        schedule.Property(s => s.Automation).HasMaxLength(50);
        schedule.IsNotAudited(); // the engine's bookkeeping
    }
}

internal sealed class ImportRunConfiguration : IEntityTypeConfiguration<ImportRun>
{
    public void Configure(EntityTypeBuilder<ImportRun> run)
    {
        run.ToTable("import_runs");
        run.Property(r => r.Id).ValueGeneratedNever();
        run.Property(r => r.Entity).HasMaxLength(63);
        run.Property(r => r.Mode).HasConversion<string>().HasMaxLength(20);
        run.HasIndex(r => new { r.CompanyId, r.Entity, r.StartedAt });
        run.IsNotAudited(); // the import's records are audited one by one
    }
}

internal sealed class AutomationRunConfiguration : IEntityTypeConfiguration<AutomationRun>
{
    public void Configure(EntityTypeBuilder<AutomationRun> run)
    {
        run.ToTable("automation_runs");
        run.Property(r => r.Id).ValueGeneratedNever();
        run.Property(r => r.Entity).HasMaxLength(63);
        run.Property(r => r.Automation).HasMaxLength(50);
        run.Property(r => r.Problems).AsOptionalDocument();
        run.HasIndex(r => new { r.CompanyId, r.Entity, r.At });
        run.IsNotAudited(); // the history itself
    }
}
