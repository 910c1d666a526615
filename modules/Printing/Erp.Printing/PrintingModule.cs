using Erp.Kernel;
using Erp.Kernel.Modularity;
using Erp.Printing.Application;
using Erp.Printing.Data;
using Erp.Printing.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Erp.Printing;

/// <summary>
/// Printing: the documents modules and plugins declare (<see cref="PrintTemplateDefinition"/>, Liquid, overridable per
/// language by administrators) printed to PDF on the issuing company's letterhead by a headless Chromium
/// (<see cref="IDocumentPrinter"/>). Without Chromium, printing answers 503 and everything else works.
/// </summary>
[DependsOn("Erp.Companies", "Erp.Emailing", "Erp.BlobStoring")]
public sealed class PrintingModule : ErpModule
{
    public override void ConfigureServices(ModuleServices module)
    {
        module.AddJsonTypes(PrintingJsonContext.Default);
        module.Services.AddOptions<PrintingOptions>().BindConfiguration(PrintingOptions.Section);
        module.AddDbContext<PrintingDbContext>();
        module.Services.AddSingleton(BuiltInTemplates.Layout).AddSingleton(BuiltInTemplates.Mail)
            .AddSingleton<DocumentRenderer>()
            .AddSingleton<ChromiumPdfRenderer>()
            .AddScoped<PrintTemplates>()
            .AddScoped<PrintTemplateService>()
            .AddScoped<IDocumentPrinter, DocumentPrinter>()
            .AddValidation();

        foreach (var permission in PrintingPermissions.All) module.Permissions.Add(permission);
        module.OpenApiTags.Add(new OpenApiTagDefinition("Printing", "Templates of printable documents, their overrides and PDF previews."));
    }

    public override void MapEndpoints(IEndpointRouteBuilder api) => api.MapPrintingEndpoints();
}
