using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Erp.Kernel.Domain;
using Erp.Kernel.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Erp.Kernel.Data;

/// <summary>
/// One entity's change in one save, written by the save itself (so it commits and rolls back with the change) into the
/// audit logging module's partitioned <c>audit.entity_changes</c>. <see cref="Properties"/> is a JSON array of
/// <c>{ "name", "old", "new" }</c>, with masked values replaced by <see cref="EntityChangeAuditing.Mask"/>.
/// </summary>
public sealed class EntityChangeRecord
{
    private EntityChangeRecord() { } // for EF Core

    internal EntityChangeRecord(DateTimeOffset occurredAt, string entityType, string? entityId, Guid? companyId, EntityChangeType changeType, string properties,
        ICurrentUser actor, string? traceId)
    {
        CompanyId = companyId;
        Id = Guid.CreateVersion7(occurredAt);
        OccurredAt = occurredAt;
        EntityType = entityType;
        EntityId = entityId;
        ChangeType = changeType;
        Properties = properties;
        UserId = actor.UserId;
        ActorName = actor.ActorName();
        ClientId = actor.ClientId;
        TraceId = traceId;
    }

    public Guid Id { get; private set; }
    public DateTimeOffset OccurredAt { get; private set; }

    /// <summary>The entity's CLR type, e.g. <c>Erp.Sample.Domain.Currencies.Currency</c>.</summary>
    public string EntityType { get; private set; } = "";

    /// <summary>The primary key (parts joined by <c>,</c>); null when the database generates it and it was not known yet.</summary>
    public string? EntityId { get; private set; }

    /// <summary>The company a company-owned entity belongs to: the audit log shows its changes only to those who work there.</summary>
    public Guid? CompanyId { get; private set; }
    public EntityChangeType ChangeType { get; private set; }
    public string Properties { get; private set; } = "[]";
    public Guid? UserId { get; private set; }
    public string? ActorName { get; private set; }
    public string? ClientId { get; private set; }

    /// <summary>The W3C trace id of the request or job that made the change: the same as on its request record.</summary>
    public string? TraceId { get; private set; }
}

/// <summary>
/// An entity whose property values are masked depending on its state (a setting value is masked when the setting is a
/// secret). Masking by property, whatever the state, is <see cref="EntityChangeAuditing.IsAuditMasked"/>.
/// </summary>
public interface IAuditMasking
{
    bool MasksInAudit(string propertyName);
}

/// <summary>Whether the audit logging module records entity changes (it creates the table they go to).</summary>
public sealed class EntityChangeAuditOptions
{
    public bool Enabled { get; set; }
}

/// <summary>
/// Reads a save's changes from EF Core's change tracker into <see cref="EntityChangeRecord"/>s added to the same save.
/// Every entity of every module context is audited unless its configuration says <see cref="IsNotAudited(EntityTypeBuilder)"/>;
/// values of properties marked <see cref="IsAuditMasked"/>, or named like a credential, never reach the audit table.
/// Bulk statements (<c>ExecuteUpdate</c>, <c>ExecuteDelete</c>) bypass the change tracker and are not recorded.
/// </summary>
public static partial class EntityChangeAuditing
{
    public const string Mask = "***";
    private const string AuditedAnnotation = "Erp:Audited";
    private const string MaskedAnnotation = "Erp:AuditMasked";
    private const int MaxValueLength = 2000;

    /// <summary>Changes of this entity are not recorded (logs of their own, tokens, queues).</summary>
    public static EntityTypeBuilder IsNotAudited(this EntityTypeBuilder entity) => entity.HasAnnotation(AuditedAnnotation, false);

    /// <inheritdoc cref="IsNotAudited(EntityTypeBuilder)"/>
    public static EntityTypeBuilder<T> IsNotAudited<T>(this EntityTypeBuilder<T> entity) where T : class
    {
        ((EntityTypeBuilder)entity).IsNotAudited();
        return entity;
    }

    /// <summary>Changes of this property are not recorded (bookkeeping such as concurrency stamps).</summary>
    public static PropertyBuilder<T> IsNotAudited<T>(this PropertyBuilder<T> property) => property.HasAnnotation(AuditedAnnotation, false);

    /// <summary>The property's change is recorded with its values masked: a credential, key or personal secret.</summary>
    public static PropertyBuilder<T> IsAuditMasked<T>(this PropertyBuilder<T> property) => property.HasAnnotation(MaskedAnnotation, true);

    internal static void Capture(DbContext context, ICurrentUser actor, DateTimeOffset now)
    {
        var traceId = Activity.Current?.TraceId.ToHexString();
        var records = new List<EntityChangeRecord>();
        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted)) continue;
            if (entry.Metadata.FindAnnotation(AuditedAnnotation)?.Value is false) continue;
            var changeType = entry.State switch
            {
                EntityState.Added => EntityChangeType.Created,
                EntityState.Deleted => EntityChangeType.Deleted,
                _ when entry.Entity is ISoftDelete { IsDeleted: true } && entry.Property(nameof(ISoftDelete.IsDeleted)).OriginalValue is false => EntityChangeType.Deleted,
                _ => EntityChangeType.Updated,
            };
            var properties = Properties(entry);
            if (changeType == EntityChangeType.Updated && properties.Count == 0) continue; // only stamps or bookkeeping changed
            records.Add(new EntityChangeRecord(now, entry.Metadata.ClrType.FullName ?? entry.Metadata.Name, KeyOf(entry),
                CompanyOf(context, entry), changeType,
                JsonSerializer.Serialize(properties, PropertyJson), actor, traceId));
        }

        context.AddRange(records);
    }

    /// <summary>
    /// Records a change made outside EF Core's change tracking (the low-code engine's own SQL) with the next save of
    /// <paramref name="context"/>, so it commits with that save's transaction: the same record a tracked change gets.
    /// An update whose values are all unchanged records nothing.
    /// </summary>
    public static void Record(DbContext context, string entityType, string entityId, Guid? companyId, EntityChangeType changeType,
        IEnumerable<(string Name, object? Old, object? New)> values, ICurrentUser actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(context);
        var changes = values.Where(v => changeType != EntityChangeType.Updated || !Equals(v.Old, v.New))
            .Select(v => new PropertyChange(v.Name, Text(v.Old), Text(v.New))).ToList();
        if (changeType == EntityChangeType.Updated && changes.Count == 0) return;
        context.Add(new EntityChangeRecord(now, entityType, entityId, companyId, changeType, JsonSerializer.Serialize(changes, PropertyJson), actor,
            Activity.Current?.TraceId.ToHexString()));
    }

    // Whose record it is: an owned part (an address, a delivery note's line, stored in its owner's row) is its owner's.
    private static Guid? CompanyOf(DbContext context, EntityEntry entry) => entry.Entity switch
    {
        ICompanyOwned owned => owned.CompanyId,
        IAuditedInCompany about => about.AuditCompanyId,
        _ when entry.Metadata.FindOwnership() is { } ownership && OwnerOf(context, entry, ownership) is { } owner => CompanyOf(context, owner),
        _ => null,
    };

    private static EntityEntry? OwnerOf(DbContext context, EntityEntry owned, IForeignKey ownership)
    {
        var key = ownership.Properties.Select(p => owned.Property(p.Name)).Select(p => p.CurrentValue ?? p.OriginalValue).ToArray();
        return context.ChangeTracker.Entries().FirstOrDefault(e => e.Metadata == ownership.PrincipalEntityType
            && ownership.PrincipalKey.Properties.Select((p, i) => Equals(e.Property(p.Name).CurrentValue, key[i])).All(same => same));
    }

    private static List<PropertyChange> Properties(EntityEntry entry)
    {
        var changes = new List<PropertyChange>();
        foreach (var property in entry.Properties)
        {
            var metadata = property.Metadata;
            if (metadata.FindAnnotation(AuditedAnnotation)?.Value is false || IsBookkeeping(metadata)) continue;
            // Added: the values set; removed: the values it had; modified (a soft delete too): what changed.
            var (old, current) = (entry.State == EntityState.Added ? null : property.OriginalValue,
                entry.State == EntityState.Deleted ? null : property.CurrentValue);
            if (entry.State == EntityState.Modified ? !property.IsModified || Equals(old, current) : old is null && current is null) continue;
            var masked = metadata.FindAnnotation(MaskedAnnotation)?.Value is true || CredentialName().IsMatch(metadata.Name)
                || (entry.Entity is IAuditMasking masking && masking.MasksInAudit(metadata.Name));
            changes.Add(masked
                ? new PropertyChange(metadata.Name, old is null ? null : Mask, current is null ? null : Mask)
                : new PropertyChange(metadata.Name, Text(old), Text(current)));
        }

        return changes;
    }

    // The row version and the stamps say nothing the record itself does not (its time and actor).
    private static bool IsBookkeeping(IProperty property) => property.IsConcurrencyToken || property.Name is
        nameof(IAuditedEntity.CreatedAt) or nameof(IAuditedEntity.CreatedBy) or nameof(IAuditedEntity.CreatedByClient)
        or nameof(IAuditedEntity.ModifiedAt) or nameof(IAuditedEntity.ModifiedBy) or nameof(IAuditedEntity.ModifiedByClient)
        or nameof(ISoftDelete.DeletedAt) or nameof(ISoftDelete.DeletedBy) or nameof(ISoftDelete.DeletedByClient);

    private static string? KeyOf(EntityEntry entry)
    {
        var key = entry.Metadata.FindPrimaryKey();
        if (key is null) return null;
        var parts = key.Properties.Select(entry.Property).ToArray();
        return parts.Any(p => p.IsTemporary) ? null : string.Join(",", parts.Select(p => Text(p.CurrentValue ?? p.OriginalValue)));
    }

    private static string? Text(object? value)
    {
        var text = value switch
        {
            null => null,
            string s => s,
            DateTimeOffset d => d.ToString("O", CultureInfo.InvariantCulture),
            DateTime d => d.ToString("O", CultureInfo.InvariantCulture),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            bool b => b ? "true" : "false",
            _ => JsonSerializer.Serialize(value, value.GetType()),
        };
        return text is { Length: > MaxValueLength } ? text[..MaxValueLength] + "…" : text;
    }

    private static readonly JsonSerializerOptions PropertyJson = new(JsonSerializerDefaults.Web);

    private sealed record PropertyChange(string Name, string? Old, string? New);

    // Libraries' entities the modules cannot annotate by attribute still name their credentials plainly.
    [GeneratedRegex("(?i)(password|secret|securitystamp|privatekey|apikey|authenticatorkey|recoverycode)")]
    private static partial Regex CredentialName();
}
