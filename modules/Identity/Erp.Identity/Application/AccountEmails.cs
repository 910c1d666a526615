using System.Globalization;
using System.Text.Encodings.Web;
using Erp.Emailing;
using Erp.Identity.Domain;
using Erp.Kernel.Domain;
using Erp.Kernel.Localization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace Erp.Identity.Application;

/// <summary>
/// The mails identity sends: set or reset a password, and change the sign-in address (a link to the new one, a notice to the old). Links open the server's own
/// pages. They are sent by the handlers of identity's own events (AccountMailHandlers.cs), after the change commits,
/// so the tokens in the links never sit in the outbox. Each is written in its reader's language (<see cref="ReaderLanguage"/>).
/// </summary>
internal sealed class AccountEmails(
    UserManager<User> users, IEmailSender sender, IHttpContextAccessor http, IOptions<IdentitySettings> settings, CatalogStringLocalizer texts, ReaderLanguage languages)
{
    /// <summary>The current request's origin, published with the events that send mail, for when <c>Identity:PublicOrigin</c> is not set.</summary>
    public string? RequestOrigin => http.HttpContext?.Request is { } request ? $"{request.Scheme}://{request.Host}{request.PathBase}" : null;

    /// <summary>A reset link; following it also confirms the address, since the token reached that mailbox.</summary>
    public async Task SendPasswordResetAsync(User user, bool isNewAccount, string? linkOrigin, CancellationToken cancellationToken)
    {
        var words = await WordsForAsync(user, cancellationToken);
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var link = Link("/account/reset-password", user, token, linkOrigin);
        var (subject, intro) = isNewAccount
            ? (words["identity.mail.welcome.subject"], words["identity.mail.welcome.intro", user.UserName])
            : (words["identity.mail.reset.subject"], words["identity.mail.reset.intro"]);
        await SendLinkAsync(user.Email!, words, subject, intro, link, cancellationToken);
    }

    /// <summary>To the new address: following the link makes it the sign-in address (the token is bound to it).</summary>
    public async Task SendEmailChangeLinkAsync(User user, string newEmail, string? linkOrigin, CancellationToken cancellationToken)
    {
        var words = await WordsForAsync(user, cancellationToken);
        var token = await users.GenerateChangeEmailTokenAsync(user, newEmail);
        await SendLinkAsync(newEmail, words, words["identity.mail.email-change.subject"], words["identity.mail.email-change.intro", user.UserName],
            Link("/account/confirm-email", user, token, linkOrigin, ("email", newEmail)), cancellationToken);
    }

    /// <summary>To the current address: a change was asked for; nothing changes unless the new address confirms it.</summary>
    public async Task SendEmailChangeNoticeAsync(User user, string newEmail, CancellationToken cancellationToken)
    {
        var words = await WordsForAsync(user, cancellationToken);
        await SendNoticeAsync(user, words, words["identity.mail.email-change-notice.subject"],
            words["identity.mail.email-change-notice.text", user.UserName, newEmail], cancellationToken);
    }

    public async Task SendTwoFactorNoticeAsync(User user, string change, CancellationToken cancellationToken)
    {
        var words = await WordsForAsync(user, cancellationToken);
        await SendNoticeAsync(user, words, words["identity.mail.two-factor.subject"], change switch
        {
            TwoFactorChanges.Enabled => words["identity.mail.two-factor.enabled", user.UserName],
            TwoFactorChanges.Disabled => words["identity.mail.two-factor.disabled", user.UserName],
            _ => words["identity.mail.two-factor.recovery-codes", user.UserName],
        }, cancellationToken);
    }

    private async Task<Words> WordsForAsync(User user, CancellationToken cancellationToken) =>
        new(texts, await languages.OfUserAsync(user.Id, cancellationToken));

    // A notice carries no link: it tells the owner, who acts through their administrator if it was not them.
    private Task SendNoticeAsync(User user, Words words, string subject, string what, CancellationToken cancellationToken)
    {
        var text = $"{what} {words["identity.mail.notice.footer"]}";
        return sender.SendAsync(new EmailMessage(user.Email!, subject, text, $"<p>{HtmlEncoder.Default.Encode(text)}</p>"), cancellationToken);
    }

    private Task SendLinkAsync(string address, Words words, string subject, string intro, string link, CancellationToken cancellationToken)
    {
        var footer = words["identity.mail.link.footer"];
        var text = $"{intro}\n\n{link}\n\n{footer}";
        var html = $"<p>{HtmlEncoder.Default.Encode(intro)}</p><p><a href=\"{HtmlEncoder.Default.Encode(link)}\">{HtmlEncoder.Default.Encode(link)}</a></p>" +
                   $"<p>{HtmlEncoder.Default.Encode(footer)}</p>";
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

    /// <summary>The texts of one mail, in its reader's language.</summary>
    private sealed class Words(CatalogStringLocalizer texts, CultureInfo culture)
    {
        public string this[string key, params object?[] arguments] => texts.Text(new LocalizableText(key, arguments), culture);
    }
}
