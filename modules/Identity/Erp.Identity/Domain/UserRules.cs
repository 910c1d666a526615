using Erp.Kernel.Domain;

namespace Erp.Identity.Domain;

/// <summary>The rules that keep the user base administrable, each with its stable code.</summary>
public static class UserRules
{
    /// <summary>Someone must stay able to administer Erp: the last active administrator is never locked or demoted.</summary>
    public static BusinessRule KeepAnActiveAdministrator(bool wouldLeaveNone) => new(IdentityErrors.LastAdministrator, wouldLeaveNone);
}
