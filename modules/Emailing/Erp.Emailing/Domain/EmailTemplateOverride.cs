using Erp.Kernel.Domain;
using Erp.Kernel.Localization;

namespace Erp.Emailing.Domain;

/// <summary>An administrator's version of a template's parts, for one language or for all without their own.</summary>
public sealed class EmailTemplateOverride : AuditedAggregateRoot, ILanguageOverride
{
    private EmailTemplateOverride() { }

    public string Name { get; private set; } = null!;

    public string? Language { get; private set; }

    public string Subject { get; private set; } = null!;
    public string Text { get; private set; } = null!;
    public string Html { get; private set; } = null!;

    /// <param name="parts">Already parsed by the renderer: a template that does not parse is never stored.</param>
    public static EmailTemplateOverride For(string name, string? language, EmailParts parts)
    {
        var created = new EmailTemplateOverride { Name = name, Language = language };
        created.Change(parts);
        return created;
    }

    public void Change(EmailParts parts) => (Subject, Text, Html) = (parts.Subject, parts.Text, parts.Html);

    public EmailParts Parts => new(Subject, Text, Html);
}

/// <summary>A mail's three parts: as Liquid sources in a template, as text once rendered.</summary>
public sealed record EmailParts(string Subject, string Text, string Html);
