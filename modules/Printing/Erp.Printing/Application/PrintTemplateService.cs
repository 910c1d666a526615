using System.Text.Json;
using Erp.Companies;
using Erp.Kernel.Domain;
using Erp.Kernel.Localization;
using Erp.Kernel.Security;
using Erp.Printing.Data;
using Erp.Printing.Domain;
using Microsoft.EntityFrameworkCore;

namespace Erp.Printing.Application;

/// <summary>Document templates for administrators: read them, override one per language (or for all), print a preview, and go back to the module's.</summary>
internal sealed class PrintTemplateService(
    PrintTemplates templates, PrintingDbContext db, TranslationCatalog catalog, ChromiumPdfRenderer pdf, ICompanyDirectory companies, ICurrentCompany company)
{
    public async Task<IReadOnlyList<PrintTemplateDto>> ListAsync(CancellationToken cancellationToken)
    {
        var overrides = await db.TemplateOverrides.AsNoTracking().ToListAsync(cancellationToken);
        return [.. templates.All.Select(t => ToDto(t, overrides))];
    }

    public async Task<PrintTemplateDto> GetAsync(string name, CancellationToken cancellationToken)
    {
        var definition = templates.Get(name);
        return ToDto(definition, await db.TemplateOverrides.AsNoTracking().Where(o => o.Name == name).ToListAsync(cancellationToken));
    }

    public async Task<PrintTemplateOverrideDto> SaveOverrideAsync(string name, string language, SavePrintTemplateOverrideRequest request, CancellationToken cancellationToken)
    {
        templates.Get(name);
        var html = Checked(request.Html);
        var shipped = catalog.LanguageOf(language, PrintingErrors.LanguageNotSupported);
        return ToDto(await db.SaveOverrideAsync(name, shipped, request.Version, () => PrintTemplateOverride.For(name, shipped, html), o => o.Change(html), cancellationToken));
    }

    public async Task DeleteOverrideAsync(string name, string language, CancellationToken cancellationToken)
    {
        templates.Get(name);
        await db.DeleteOverrideAsync<PrintTemplateOverride>(name, catalog.LanguageOf(language, PrintingErrors.LanguageNotSupported), PrintingErrors.OverrideNotFound,
            cancellationToken);
    }

    /// <summary>The template (or the HTML given, before it is saved) printed with its sample values on the caller's company's letterhead.</summary>
    public async Task<PrintedDocument> PreviewAsync(string name, PreviewPrintTemplateRequest request, CancellationToken cancellationToken)
    {
        var definition = templates.Get(name);
        var language = request.Language is null ? null : catalog.LanguageOf(request.Language, PrintingErrors.LanguageNotSupported);
        var html = request.Html is null ? null : Checked(request.Html);
        var letterhead = company.Id is { } id && await companies.FindAsync(id, cancellationToken) is { } current ? Letterhead.Of(current) : Letterhead.Sample;
        try
        {
            var page = await templates.ComposeAsync(name, language, letterhead, definition.SampleModel, cancellationToken, html);
            return new PrintedDocument($"{name}.pdf", page.Title, await pdf.PrintAsync(page.Html, cancellationToken));
        }
        catch (PrintTemplateException e)
        {
            throw new InvalidFieldsException("html", PrintingErrors.TemplateInvalid, e.Message);
        }
    }

    // A template that does not parse is refused with the parser's message.
    private static string Checked(string html) =>
        DocumentRenderer.ParseError(html) is { } error ? throw new InvalidFieldsException("html", PrintingErrors.TemplateInvalid, error) : html;

    private static PrintTemplateDto ToDto(PrintTemplateDefinition definition, IEnumerable<PrintTemplateOverride> overrides) =>
        new(definition.Name, definition.DisplayName, definition.Html, JsonSerializer.SerializeToElement(definition.SampleModel, definition.SampleModel.GetType(), DocumentRenderer.ModelJson),
            [.. overrides.Where(o => o.Name == definition.Name).OrderBy(o => o.Language).Select(ToDto)]);

    private static PrintTemplateOverrideDto ToDto(PrintTemplateOverride o) => new(o.Language, o.Html, o.Version);
}
