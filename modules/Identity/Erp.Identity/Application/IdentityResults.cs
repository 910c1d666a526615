using Erp.Kernel.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Erp.Identity.Application;

internal static class IdentityResults
{
    /// <summary>Identity's own refusals (duplicate name or email, weak password) as Erp errors with stable codes.</summary>
    public static void ThrowIfFailed(IdentityResult result)
    {
        if (result.Succeeded) return;
        // The descriptions are in the reader's language already (LocalizedIdentityErrors).
        var message = string.Join(" ", result.Errors.Select(e => e.Description));
        var codes = result.Errors.Select(e => e.Code).ToArray();
        if (codes.Contains(nameof(IdentityErrorDescriber.DuplicateUserName))) throw new BusinessRuleException(IdentityErrors.UserNameTaken);
        if (codes.Contains(nameof(IdentityErrorDescriber.DuplicateEmail))) throw new BusinessRuleException(IdentityErrors.EmailTaken);
        if (codes.Contains(nameof(IdentityErrorDescriber.DuplicateRoleName))) throw new BusinessRuleException(IdentityErrors.RoleNameTaken);
        if (codes.Contains(nameof(IdentityErrorDescriber.ConcurrencyFailure))) throw new DbUpdateConcurrencyException(message);
        if (codes.Any(c => c.StartsWith("Password", StringComparison.Ordinal))) throw new RequestRejectedException(IdentityErrors.PasswordRejected, message);
        throw new RequestRejectedException(IdentityErrors.UserRejected, message);
    }
}
