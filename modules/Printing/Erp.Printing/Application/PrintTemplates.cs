using System.Globalization;
using Erp.Kernel.Domain;
using Erp.Kernel.Localization;
using Erp.Printing.Data;
using Erp.Printing.Domain;
using Microsoft.EntityFrameworkCore;

namespace Erp.Printing.Application;

/// <summary>
/// The templates modules declared, the administrators' overrides, and the one way a document's page is composed from
/// them: the override for the reader's language, else the override for all languages, else the module's HTML; the same
/// for the layout; rendered in the reader's language (the request's when none is named, else the installation's default).
/// </summary>
internal sealed class PrintTemplates(IEnumerable<PrintTemplateDefinition> definitions, PrintingDbContext db, DocumentRenderer renderer, TranslationCatalog catalog)
{
    private readonly Dictionary<string, PrintTemplateDefinition> _definitions = definitions.ToDictionary(d => d.Name, StringComparer.Ordinal);

    public IEnumerable<PrintTemplateDefinition> All => _definitions.Values.OrderBy(d => d.Name, StringComparer.Ordinal);

    public PrintTemplateDefinition Get(string name) =>
        _definitions.GetValueOrDefault(name) ?? throw new NotFoundException(PrintingErrors.TemplateNotFound, name);

    /// <summary>The page of <paramref name="name"/> as HTML, or of <paramref name="html"/> in its place (previews).</summary>
    public async Task<RenderedPage> ComposeAsync(string name, string? language, Letterhead company, object model, CancellationToken cancellationToken, string? html = null)
    {
        var definition = Get(name);
        var culture = catalog.Supported(language) ?? (catalog.LanguageFor(CultureInfo.CurrentUICulture) is not null ? CultureInfo.CurrentUICulture : TranslationCatalog.English);
        var shipped = catalog.LanguageFor(culture)!;
        var overrides = await db.TemplateOverrides.AsNoTracking()
            .Where(o => (o.Name == name || o.Name == PrintTemplateNames.Layout) && (o.Language == null || o.Language == shipped))
            .ToListAsync(cancellationToken);
        var layout = Effective(_definitions[PrintTemplateNames.Layout], overrides, shipped);
        // The layout printed on its own (its preview) wraps an empty body.
        var body = html ?? (name == PrintTemplateNames.Layout ? "" : Effective(definition, overrides, shipped));
        return await renderer.RenderAsync(body, name == PrintTemplateNames.Layout ? html ?? layout : layout, company, model, culture);
    }

    private static string Effective(PrintTemplateDefinition definition, List<PrintTemplateOverride> overrides, string language) =>
        overrides.Effective(definition.Name, language)?.Html ?? definition.Html;
}

/// <summary>The issuing company as the layout prints it.</summary>
internal sealed record Letterhead(string Name, string LegalName, string? TaxId, string? Street, string? PostalCode, string? City, string? Country)
{
    public static Letterhead Of(Erp.Companies.CompanyDto company) =>
        new(company.Name, company.LegalName, company.TaxId, company.Address.Street, company.Address.PostalCode, company.Address.City, company.Address.Country);

    public static Letterhead Sample { get; } = new("Contoso", "Contoso Ltd.", "GB123456789", "1 Market Street", "EC1A 1BB", "London", "GB");
}
