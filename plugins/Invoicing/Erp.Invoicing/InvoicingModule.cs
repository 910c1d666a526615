using Erp.BlobStoring;
using Erp.Invoicing.Application;
using Erp.Invoicing.Data;
using Erp.Invoicing.Domain;
using Erp.Invoicing.Http;
using Erp.Kernel;
using Erp.Kernel.Data;
using Erp.Kernel.Modularity;
using Erp.Printing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Erp.Invoicing;

/// <summary>
/// The invoicing plugin: invoices drafted from sales orders, posted under gap-free numbers and immutable from then on,
/// settled by payments and credit notes. Reads and updates orders through sales' Contracts, in the kernel's unit of work.
/// </summary>
[DependsOn("Erp.Catalog", "Erp.Sales", "Erp.Companies", "Erp.BlobStoring", "Erp.Printing")]
public sealed class InvoicingModule : ErpModule
{
    public override void ConfigureServices(ModuleServices module)
    {
        module.AddJsonTypes(InvoicingJsonContext.Default);
        module.AddDbContext<InvoicingDbContext>().AddSeeder<InvoicingDemoSeeder>();
        module.Services.AddInvoicingMetrics();
        module.Services.AddScoped<InvoiceService>().AddScoped<InvoiceDocuments>();
        module.Services.AddSingleton(PrintTemplateDefinition.FromResource(typeof(InvoicingModule).Assembly, "Documents.invoice.liquid", InvoiceDocuments.Template,
                "Invoice and credit note", InvoiceDocument.Sample))
            .AddSingleton(new AttachableEntityDefinition(InvoiceDocuments.EntityType, InvoicingPermissions.Invoices, InvoicingPermissions.ManageInvoices,
                (services, id, ct) => Guid.TryParse(id, out var invoiceId) ? services.GetRequiredService<InvoiceService>().ExistsAsync(invoiceId, ct) : Task.FromResult(false)));
        // Administrators may give invoices fields and workflows of their own; low-code records may refer to them.
        module.Services.AddSingleton(new ExtensibleEntityDefinition(InvoicingEntities.Invoice, "Invoice", typeof(Invoice), InvoicingDbContext.Schema, "invoices",
            InvoicingPermissions.Invoices, InvoicingPermissions.ManageInvoices, [typeof(InvoiceDto), typeof(InvoiceSalesOrderRequest), typeof(ChangeDraftRequest)],
            DisplayColumn: "number"));
        module.RequireService<IExtraFields>(providedBy: "the low-code module");
        module.AddRecordEvent<InvoicePostedIntegrationEvent>(InvoicingEntities.Invoice, "posted", "Invoice or credit note posted", e => (e.InvoiceId, e.CompanyId))
            .AddRecordEvent<InvoicePaidIntegrationEvent>(InvoicingEntities.Invoice, "paid", "Invoice paid", e => (e.InvoiceId, e.CompanyId));
        module.Services.AddValidation();

        foreach (var permission in InvoicingPermissions.All) module.Permissions.Add(permission);
        foreach (var setting in InvoicingSettings.All) module.Settings.Add(setting);
        module.OpenApiTags.Add(new OpenApiTagDefinition("Invoices", "Invoices and credit notes: drafted from orders, posted, paid, credited."));
    }

    public override void MapEndpoints(IEndpointRouteBuilder api) => api.MapInvoiceEndpoints();
}
