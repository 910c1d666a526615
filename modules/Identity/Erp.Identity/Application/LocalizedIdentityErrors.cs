using Erp.Kernel.Domain;
using Erp.Kernel.Localization;
using Microsoft.AspNetCore.Identity;

namespace Erp.Identity.Application;

/// <summary>
/// ASP.NET Core Identity's refusals (password rules, user names, links) in the reader's language. The codes stay
/// Identity's; <see cref="IdentityResults"/> turns them into Erp's problem codes.
/// </summary>
internal sealed class LocalizedIdentityErrors(CatalogStringLocalizer texts) : IdentityErrorDescriber
{
    public override IdentityError PasswordTooShort(int length) => Error(nameof(PasswordTooShort), length);
    public override IdentityError PasswordRequiresNonAlphanumeric() => Error(nameof(PasswordRequiresNonAlphanumeric));
    public override IdentityError PasswordRequiresDigit() => Error(nameof(PasswordRequiresDigit));
    public override IdentityError PasswordRequiresLower() => Error(nameof(PasswordRequiresLower));
    public override IdentityError PasswordRequiresUpper() => Error(nameof(PasswordRequiresUpper));
    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) => Error(nameof(PasswordRequiresUniqueChars), uniqueChars);
    public override IdentityError PasswordMismatch() => Error(nameof(PasswordMismatch));
    public override IdentityError InvalidUserName(string? userName) => Error(nameof(InvalidUserName), userName);
    public override IdentityError InvalidEmail(string? email) => Error(nameof(InvalidEmail), email);
    public override IdentityError InvalidToken() => Error(nameof(InvalidToken));
    public override IdentityError DefaultError() => Error(nameof(DefaultError));

    // Keys "identity.describer.<Identity's code>", so a glance at the texts shows which Identity rule each one words.
    private IdentityError Error(string code, params object?[] arguments) =>
        new() { Code = code, Description = texts.Translate(new LocalizableText($"identity.describer.{code}", arguments)) };
}
