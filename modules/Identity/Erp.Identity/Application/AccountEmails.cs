using System.Text.Encodings.Web;
using Erp.Emailing;
using Erp.Identity.Domain;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace Erp.Identity.Application;

/// <summary>
/// The mails identity sends: set or reset a password, and change the sign-in address (a link to the new one, a notice to the old). Links open the server's own
/// pages. They are sent by the handlers of identity's own events (AccountMailHandlers.cs), after the change commits,
/// so the tokens in the links never sit in the outbox.
/// </summary>
internal sealed class AccountEmails(UserManager<User> users, IEmailSender sender, IHttpContextAccessor http, IOptions<IdentitySettings> settings)
{
    /// <summary>The current request's origin, published with the events that send mail, for when <c>Identity:PublicOrigin</c> is not set.</summary>
    public string? RequestOrigin => http.HttpContext?.Request is { } request ? $"{request.Scheme}://{request.Host}{request.PathBase}" : null;

    /// <summary>A reset link; following it also confirms the address, since the token reached that mailbox.</summary>
    public async Task SendPasswordResetAsync(User user, bool isNewAccount, string? linkOrigin, CancellationToken cancellationToken)
    {
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var link = Link("/account/reset-password", user, token, linkOrigin);
        var (subject, intro) = isNewAccount
            ? ("Your Erp account", $"An account was created for you with the user name {user.UserName}. Choose your password here:")
            : ("Reset your Erp password", "Someone asked to reset the password of your Erp account. If it was you, choose a new one here:");
        await SendAsync(user, subject, intro, link, cancellationToken);
    }

    /// <summary>To the new address: following the link makes it the sign-in address (the token is bound to it).</summary>
    public async Task SendEmailChangeLinkAsync(User user, string newEmail, string? linkOrigin, CancellationToken cancellationToken)
    {
        var token = await users.GenerateChangeEmailTokenAsync(user, newEmail);
        await SendAsync(newEmail, "Confirm your new email address", $"Make this the sign-in address of the Erp account {user.UserName}:",
            Link("/account/confirm-email", user, token, linkOrigin, ("email", newEmail)), cancellationToken);
    }

    /// <summary>To the current address: a change was asked for; nothing changes unless the new address confirms it.</summary>
    public Task SendEmailChangeNoticeAsync(User user, string newEmail, CancellationToken cancellationToken) =>
        SendNoticeAsync(user, "Your Erp sign-in address is being changed",
            $"Someone asked to change the sign-in address of your Erp account {user.UserName} to {newEmail}. " +
            "It changes only when the link sent there is followed.", cancellationToken);

    public Task SendTwoFactorNoticeAsync(User user, string change, CancellationToken cancellationToken) =>
        SendNoticeAsync(user, "Your Erp two-step verification changed", change switch
        {
            TwoFactorChanges.Enabled => $"Two-step verification was turned on for your Erp account {user.UserName}.",
            TwoFactorChanges.Disabled => $"Two-step verification was turned off for your Erp account {user.UserName}.",
            _ => $"New recovery codes were made for your Erp account {user.UserName}; the old ones no longer work.",
        }, cancellationToken);

    // A notice carries no link: it tells the owner, who acts through their administrator if it was not them.
    private Task SendNoticeAsync(User user, string subject, string what, CancellationToken cancellationToken)
    {
        var text = $"{what} If you did not do this, tell your administrator.";
        return sender.SendAsync(new EmailMessage(user.Email!, subject, text, $"<p>{HtmlEncoder.Default.Encode(text)}</p>"), cancellationToken);
    }

    private Task SendAsync(User user, string subject, string intro, string link, CancellationToken cancellationToken) =>
        SendAsync(user.Email!, subject, intro, link, cancellationToken);

    private Task SendAsync(string address, string subject, string intro, string link, CancellationToken cancellationToken)
    {
        var text = $"{intro}\n\n{link}\n\nThe link works once and expires. If you did not expect this mail, ignore it.";
        var html = $"<p>{HtmlEncoder.Default.Encode(intro)}</p><p><a href=\"{HtmlEncoder.Default.Encode(link)}\">{HtmlEncoder.Default.Encode(link)}</a></p>" +
                   "<p>The link works once and expires. If you did not expect this mail, ignore it.</p>";
        return sender.SendAsync(new EmailMessage(address, subject, text, html), cancellationToken);
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
