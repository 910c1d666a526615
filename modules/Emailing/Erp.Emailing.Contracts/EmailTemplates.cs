namespace Erp.Emailing;

/// <summary>
/// A mail a module or plugin sends, declared in code (registered as a singleton): Liquid templates (Fluid) for the subject,
/// the plain-text part and the HTML part, rendered into the shared layout (<see cref="EmailTemplateNames.Layout"/>).
/// Texts come from the translation catalog through the <c>t</c> filter, in the reader's language:
/// <c>{{ "sales.mail.invoice.intro" | t: customer_name }}</c>. Administrators may override any part through the API.
/// </summary>
/// <param name="Name">Stable, <c>Module.Mail</c>: <c>Identity.PasswordReset</c>.</param>
/// <param name="SampleModel">The values the preview renders with, and the names the template may use.</param>
public sealed record EmailTemplateDefinition(string Name, string Subject, string Text, string Html, IReadOnlyDictionary<string, string> SampleModel);

public static class EmailTemplateNames
{
    /// <summary>
    /// The layout every mail is rendered into: <c>{{ content }}</c> is the mail's own part (already HTML-safe in the HTML
    /// part), <c>{{ subject }}</c> its subject.
    /// </summary>
    public const string Layout = "Emailing.Layout";

    /// <summary>The mail an administrator sends to check the relay.</summary>
    public const string Test = "Emailing.Test";
}

/// <summary>A template as the API shows it: the module's parts, and the administrator's overrides per language where set.</summary>
public sealed record EmailTemplateDto(string Name, string Subject, string Text, string Html, IReadOnlyDictionary<string, string> SampleModel,
    IReadOnlyList<EmailTemplateOverrideDto> Overrides);

/// <param name="Language">The language it applies to (<c>de</c>), or null for every language without its own.</param>
public sealed record EmailTemplateOverrideDto(string? Language, string Subject, string Text, string Html, uint Version);

/// <param name="Version">The override's version when replacing one (optimistic concurrency); 0 for a new one.</param>
public sealed record SaveEmailTemplateOverrideRequest(
    [property: System.ComponentModel.DataAnnotations.Required, System.ComponentModel.DataAnnotations.StringLength(500)] string Subject,
    [property: System.ComponentModel.DataAnnotations.Required, System.ComponentModel.DataAnnotations.StringLength(100_000)] string Text,
    [property: System.ComponentModel.DataAnnotations.Required, System.ComponentModel.DataAnnotations.StringLength(200_000)] string Html,
    uint Version = 0);

/// <summary>Renders a template (the module's, or the parts given) with its sample model, in a language.</summary>
public sealed record PreviewEmailRequest(string? Language, string? Subject, string? Text, string? Html, IReadOnlyDictionary<string, string>? Model);

public sealed record EmailPreviewDto(string Subject, string Text, string Html);
