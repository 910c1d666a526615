using Erp.Emailing;

namespace Erp.Identity.Application;

/// <summary>Identity's mail templates: their texts are identity's translations (<c>identity.mail.*</c>), in the reader's language.</summary>
internal static class AccountMailTemplates
{
    private const string SampleLink = "https://erp.example.com/account/reset-password?user=…&token=…";

    public static EmailTemplateDefinition Welcome { get; } = LinkMail("Identity.Welcome", "identity.mail.welcome.subject", "identity.mail.welcome.intro");

    public static EmailTemplateDefinition PasswordReset { get; } = LinkMail("Identity.PasswordReset", "identity.mail.reset.subject", "identity.mail.reset.intro");

    public static EmailTemplateDefinition EmailChange { get; } = LinkMail("Identity.EmailChange", "identity.mail.email-change.subject", "identity.mail.email-change.intro");

    public static EmailTemplateDefinition EmailChangeNotice { get; } = Notice("Identity.EmailChangeNotice", "identity.mail.email-change-notice.subject",
        """{{ "identity.mail.email-change-notice.text" | t: user_name, new_email }}""",
        new Dictionary<string, string> { ["user_name"] = "jane", ["new_email"] = "jane@example.com" });

    public static EmailTemplateDefinition TwoFactorNotice { get; } = Notice("Identity.TwoFactorNotice", "identity.mail.two-factor.subject",
        """
        {%- case change -%}
        {%- when "enabled" -%}{{ "identity.mail.two-factor.enabled" | t: user_name }}
        {%- when "disabled" -%}{{ "identity.mail.two-factor.disabled" | t: user_name }}
        {%- else -%}{{ "identity.mail.two-factor.recovery-codes" | t: user_name }}
        {%- endcase -%}
        """,
        new Dictionary<string, string> { ["user_name"] = "jane", ["change"] = "enabled" });

    public static EmailTemplateDefinition PasswordChangedNotice { get; } = Notice("Identity.PasswordChangedNotice", "identity.mail.password-changed.subject",
        """{{ "identity.mail.password-changed.text" | t: user_name }}""",
        new Dictionary<string, string> { ["user_name"] = "jane" });

    public static IReadOnlyList<EmailTemplateDefinition> All { get; } = [Welcome, PasswordReset, EmailChange, EmailChangeNotice, TwoFactorNotice, PasswordChangedNotice];

    // The intro names the user; the link opens the server's own page; the footer says it works once.
    private static EmailTemplateDefinition LinkMail(string name, string subject, string intro) => new(name,
        $$$"""{{ "{{{subject}}}" | t }}""",
        $$$"""
        {{ "{{{intro}}}" | t: user_name }}

        {{ link }}

        {{ "identity.mail.link.footer" | t }}
        """,
        $$$"""
        <p>{{ "{{{intro}}}" | t: user_name }}</p>
        <p><a href="{{ link }}">{{ link }}</a></p>
        <p>{{ "identity.mail.link.footer" | t }}</p>
        """,
        new Dictionary<string, string> { ["user_name"] = "jane", ["link"] = SampleLink });

    // A notice carries no link: it tells the owner, who acts through their administrator if it was not them.
    private static EmailTemplateDefinition Notice(string name, string subject, string what, IReadOnlyDictionary<string, string> sample) => new(name,
        $$$"""{{ "{{{subject}}}" | t }}""",
        $$$"""{{{what}}} {{ "identity.mail.notice.footer" | t }}""",
        $$$"""<p>{{{what}}} {{ "identity.mail.notice.footer" | t }}</p>""",
        sample);
}
