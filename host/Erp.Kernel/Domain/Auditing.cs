namespace Erp.Kernel.Domain;

/// <summary>
/// Creation and modification stamps, set by the kernel on save. Entities never set them. A change is made by a user
/// (<c>…By</c>, their id) or by an integration client acting on its own behalf (<c>…ByClient</c>, its client id).
/// </summary>
public interface IAuditedEntity
{
    DateTimeOffset CreatedAt { get; }
    Guid? CreatedBy { get; }
    string? CreatedByClient { get; }
    DateTimeOffset? ModifiedAt { get; }
    Guid? ModifiedBy { get; }
    string? ModifiedByClient { get; }
}

/// <summary>
/// Deleting marks the row instead of removing it; a global query filter hides marked rows.
/// <c>DbContext.Remove</c> is all a module writes: the kernel turns it into the mark on save.
/// </summary>
public interface ISoftDelete
{
    bool IsDeleted { get; }
    DateTimeOffset? DeletedAt { get; }
    Guid? DeletedBy { get; }
    string? DeletedByClient { get; }
}
