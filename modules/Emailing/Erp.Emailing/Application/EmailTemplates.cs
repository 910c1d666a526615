using System.Globalization;
using Erp.Emailing.Data;
using Erp.Emailing.Domain;
using Erp.Kernel.Domain;
using Erp.Kernel.Localization;
using Microsoft.EntityFrameworkCore;

namespace Erp.Emailing.Application;

/// <summary>
/// The templates modules declared, the administrators' overrides, and the one way a mail is composed from them: the
/// override for the reader's language, else the override for all languages, else the module's parts; the same for the
/// layout; rendered in the reader's language (the installation's default when the request names none).
/// </summary>
internal sealed class EmailTemplates(IEnumerable<EmailTemplateDefinition> definitions, EmailingDbContext db, EmailRenderer renderer, TranslationCatalog catalog)
{
    private readonly Dictionary<string, EmailTemplateDefinition> _definitions = definitions.ToDictionary(d => d.Name, StringComparer.Ordinal);

    public IEnumerable<EmailTemplateDefinition> All => _definitions.Values.OrderBy(d => d.Name, StringComparer.Ordinal);

    public EmailTemplateDefinition Get(string name) =>
        _definitions.GetValueOrDefault(name) ?? throw new NotFoundException(EmailingErrors.TemplateNotFound, name);

    public bool Exists(string name) => _definitions.ContainsKey(name);

    /// <summary>The rendered subject, text and HTML of <paramref name="name"/>, or <paramref name="parts"/> in its place (previews).</summary>
    public async Task<EmailParts> ComposeAsync(string name, string? language, IReadOnlyDictionary<string, string> model, CancellationToken cancellationToken,
        EmailParts? parts = null)
    {
        var definition = _definitions.GetValueOrDefault(name) ?? throw new EmailTemplateException($"No mail template '{name}' is declared.");
        var culture = catalog.Supported(language) ?? (catalog.LanguageFor(CultureInfo.CurrentUICulture) is not null ? CultureInfo.CurrentUICulture : TranslationCatalog.English);
        var shipped = catalog.LanguageFor(culture)!;
        var overrides = await db.TemplateOverrides.AsNoTracking()
            .Where(o => (o.Name == name || o.Name == EmailTemplateNames.Layout) && (o.Language == null || o.Language == shipped))
            .ToListAsync(cancellationToken);
        var mail = parts ?? Effective(definition, overrides, shipped);
        var layout = Effective(_definitions[EmailTemplateNames.Layout], overrides, shipped);
        return await renderer.RenderAsync(mail, layout, model, culture);
    }

    private static EmailParts Effective(EmailTemplateDefinition definition, List<EmailTemplateOverride> overrides, string language) =>
        overrides.Effective(definition.Name, language)?.Parts ?? new EmailParts(definition.Subject, definition.Text, definition.Html);
}

/// <summary>The templates the emailing module declares itself: the layout every mail is rendered into, and the test mail.</summary>
internal static class BuiltInTemplates
{
    public static EmailTemplateDefinition Layout { get; } = new(EmailTemplateNames.Layout, "{{ subject }}",
        """
        {{ content }}

        --
        {{ "emailing.layout.footer" | t }}
        """,
        """
        <!DOCTYPE html>
        <html lang="{{ language }}" dir="{{ direction }}">
        <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>{{ subject }}</title></head>
        <body style="margin:0;padding:24px;background:#f4f5f7;font-family:system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif;color:#1f2328;">
        <div style="max-width:600px;margin:0 auto;background:#ffffff;border-radius:8px;padding:32px;line-height:1.5;">
        {{ content }}
        </div>
        <p style="max-width:600px;margin:16px auto 0;font-size:12px;color:#57606a;">{{ "emailing.layout.footer" | t }}</p>
        </body>
        </html>
        """,
        new Dictionary<string, string> { ["content"] = "<p>…</p>" });

    public static EmailTemplateDefinition Test { get; } = new(EmailTemplateNames.Test,
        """{{ "emailing.mail.test.subject" | t }}""",
        """{{ "emailing.mail.test.text" | t: requested_by }}""",
        """<p>{{ "emailing.mail.test.text" | t: requested_by }}</p>""",
        new Dictionary<string, string> { ["requested_by"] = "admin" });
}
