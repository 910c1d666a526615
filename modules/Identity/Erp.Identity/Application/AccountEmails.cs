using Erp.Emailing;
using Erp.Identity.Data;
using Erp.Identity.Domain;
using Erp.Kernel.Domain;
using Erp.Kernel.Localization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace Erp.Identity.Application;

/// <summary>
/// The mails identity asks for: set or reset a password, and change the sign-in address (a link to the new one, a notice to
/// the old), and notices of second-factor changes. The handlers of identity's own events (AccountMailHandlers.cs) call
/// these after the change commits: each makes the link's token then and requests the mail from the emailing module
/// (<see cref="AccountMailTemplates"/>) in the handler's transaction, in its reader's language (<see cref="ReaderLanguage"/>).
/// </summary>
internal sealed class AccountEmails(
    UserManager<User> users, IdentityDbContext db, IHttpContextAccessor http, IOptions<IdentitySettings> settings, ReaderLanguage languages)
{
    /// <summary>The current request's origin, published with the events that send mail, for when <c>Identity:PublicOrigin</c> is not set.</summary>
    public string? RequestOrigin => http.HttpContext?.Request is { } request ? $"{request.Scheme}://{request.Host}{request.PathBase}" : null;

    /// <summary>
    /// A link setting the password (<see cref="PasswordLinks"/>); following it also confirms the address, since the token
    /// reached that mailbox.
    /// </summary>
    public async Task SendPasswordResetAsync(User user, bool isNewAccount, string? linkOrigin, CancellationToken cancellationToken)
    {
        var token = await PasswordLinks.MakeTokenAsync(users, user);
        await RequestAsync(user, user.Email!, isNewAccount ? AccountMailTemplates.Welcome : AccountMailTemplates.PasswordReset,
            new() { ["user_name"] = user.UserName!, ["link"] = Link("/account/reset-password", user, token, linkOrigin) }, cancellationToken);
    }

    /// <summary>To the new address: following the link makes it the sign-in address (the token is bound to it).</summary>
    public async Task SendEmailChangeLinkAsync(User user, string newEmail, string? linkOrigin, CancellationToken cancellationToken)
    {
        var token = await users.GenerateChangeEmailTokenAsync(user, newEmail);
        await RequestAsync(user, newEmail, AccountMailTemplates.EmailChange,
            new() { ["user_name"] = user.UserName!, ["link"] = Link("/account/confirm-email", user, token, linkOrigin, ("email", newEmail)) }, cancellationToken);
    }

    /// <summary>To the current address: a change was asked for; nothing changes unless the new address confirms it.</summary>
    public Task SendEmailChangeNoticeAsync(User user, string newEmail, CancellationToken cancellationToken) =>
        RequestAsync(user, user.Email!, AccountMailTemplates.EmailChangeNotice, new() { ["user_name"] = user.UserName!, ["new_email"] = newEmail }, cancellationToken);

    /// <param name="change">One of <see cref="TwoFactorChanges"/>.</param>
    public Task SendTwoFactorNoticeAsync(User user, string change, CancellationToken cancellationToken) =>
        RequestAsync(user, user.Email!, AccountMailTemplates.TwoFactorNotice, new() { ["user_name"] = user.UserName!, ["change"] = change }, cancellationToken);

    public Task SendPasswordChangedNoticeAsync(User user, CancellationToken cancellationToken) =>
        RequestAsync(user, user.Email!, AccountMailTemplates.PasswordChangedNotice, new() { ["user_name"] = user.UserName! }, cancellationToken);

    private async Task RequestAsync(User user, string to, EmailTemplateDefinition template, Dictionary<string, string> model, CancellationToken cancellationToken)
    {
        var language = await languages.OfUserAsync(user.Id, cancellationToken);
        db.Publish(EmailRequestedIntegrationEvent.For(to, template.Name, model, language.Name));
        await db.SaveChangesAsync(cancellationToken);
    }

    private string Link(string path, User user, string token, string? linkOrigin, params (string Name, string Value)[] more)
    {
        var origin = settings.Value.PublicOrigin ?? linkOrigin
            ?? throw new InvalidOperationException("Identity:PublicOrigin is not set, and the event carries no origin for links.");
        var query = new Dictionary<string, string?> { ["user"] = user.Id.ToString(), ["token"] = token };
        foreach (var (name, value) in more) query[name] = value;
        return QueryHelpers.AddQueryString(origin + path, query);
    }
}
