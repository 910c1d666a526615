using Erp.Kernel.Domain;

namespace Erp.Permissions.Domain;

/// <summary>One permission granted to one role, user or client. Revoking deletes the row.</summary>
public sealed class PermissionGrant : AggregateRoot
{
    private PermissionGrant() { } // for EF Core

    public PermissionGrant(string name, PermissionSubject subject)
    {
        Name = name;
        SubjectKind = subject.Kind;
        SubjectKey = subject.Key;
    }

    public string Name { get; private set; } = "";
    public PermissionSubjectKind SubjectKind { get; private set; }
    public string SubjectKey { get; private set; } = "";
}
