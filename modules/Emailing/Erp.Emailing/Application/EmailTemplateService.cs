using Erp.Emailing.Data;
using Erp.Emailing.Domain;
using Erp.Kernel.Domain;
using Erp.Kernel.Localization;
using Microsoft.EntityFrameworkCore;

namespace Erp.Emailing.Application;

/// <summary>Templates for administrators: read them, override a part per language (or for all), preview, and go back to the module's.</summary>
internal sealed class EmailTemplateService(EmailTemplates templates, EmailingDbContext db, TranslationCatalog catalog)
{
    public async Task<IReadOnlyList<EmailTemplateDto>> ListAsync(CancellationToken cancellationToken)
    {
        var overrides = await db.TemplateOverrides.AsNoTracking().ToListAsync(cancellationToken);
        return [.. templates.All.Select(t => ToDto(t, overrides))];
    }

    public async Task<EmailTemplateDto> GetAsync(string name, CancellationToken cancellationToken)
    {
        var definition = templates.Get(name);
        return ToDto(definition, await db.TemplateOverrides.AsNoTracking().Where(o => o.Name == name).ToListAsync(cancellationToken));
    }

    public async Task<EmailTemplateOverrideDto> SaveOverrideAsync(string name, string language, SaveEmailTemplateOverrideRequest request, CancellationToken cancellationToken)
    {
        templates.Get(name);
        var parts = Checked(new EmailParts(request.Subject, request.Text, request.Html));
        var shipped = catalog.LanguageOf(language, EmailingErrors.LanguageNotSupported);
        return ToDto(await db.SaveOverrideAsync(name, shipped, request.Version, () => EmailTemplateOverride.For(name, shipped, parts), o => o.Change(parts), cancellationToken));
    }

    public async Task DeleteOverrideAsync(string name, string language, CancellationToken cancellationToken)
    {
        templates.Get(name);
        await db.DeleteOverrideAsync<EmailTemplateOverride>(name, catalog.LanguageOf(language, EmailingErrors.LanguageNotSupported), EmailingErrors.OverrideNotFound,
            cancellationToken);
    }

    /// <summary>The template (or the parts given, before they are saved) rendered with its sample model and any values given.</summary>
    public async Task<EmailPreviewDto> PreviewAsync(string name, PreviewEmailRequest request, CancellationToken cancellationToken)
    {
        var definition = templates.Get(name);
        var language = request.Language is null ? null : catalog.LanguageOf(request.Language, EmailingErrors.LanguageNotSupported);
        EmailParts? parts = request.Subject is null && request.Text is null && request.Html is null ? null
            : Checked(new EmailParts(request.Subject ?? definition.Subject, request.Text ?? definition.Text, request.Html ?? definition.Html));
        var model = new Dictionary<string, string>(definition.SampleModel, StringComparer.Ordinal);
        foreach (var (key, value) in request.Model ?? new Dictionary<string, string>()) model[key] = value;
        try
        {
            var rendered = await templates.ComposeAsync(name, language, model, cancellationToken, parts);
            return new EmailPreviewDto(rendered.Subject, rendered.Text, rendered.Html);
        }
        catch (EmailTemplateException e)
        {
            throw new InvalidFieldsException("template", EmailingErrors.TemplateInvalid, e.Message);
        }
    }

    // A template that does not parse is refused with the parser's message, per part.
    private static EmailParts Checked(EmailParts parts)
    {
        var errors = new Dictionary<string, LocalizableText[]>();
        foreach (var (field, source) in new[] { ("subject", parts.Subject), ("text", parts.Text), ("html", parts.Html) })
            if (EmailRenderer.ParseError(source) is { } error) errors[field] = [new LocalizableText(EmailingErrors.TemplateInvalid, error)];
        return errors.Count == 0 ? parts : throw new InvalidFieldsException(errors);
    }

    private static EmailTemplateDto ToDto(EmailTemplateDefinition definition, IEnumerable<EmailTemplateOverride> overrides) =>
        new(definition.Name, definition.Subject, definition.Text, definition.Html, definition.SampleModel,
            [.. overrides.Where(o => o.Name == definition.Name).OrderBy(o => o.Language).Select(ToDto)]);

    private static EmailTemplateOverrideDto ToDto(EmailTemplateOverride o) => new(o.Language, o.Subject, o.Text, o.Html, o.Version);
}
