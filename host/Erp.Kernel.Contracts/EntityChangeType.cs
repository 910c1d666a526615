namespace Erp.Kernel;

/// <summary>What a save did to an entity, as the audit log records it.</summary>
public enum EntityChangeType
{
    Created,
    Updated,

    /// <summary>Removed, or marked deleted (soft delete).</summary>
    Deleted,
}
