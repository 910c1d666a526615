using Erp.BlobStoring;
using Erp.Catalog.Application;
using Erp.Catalog.Data;
using Erp.Catalog.Domain;
using Erp.Catalog.Http;
using Erp.Kernel.Data;
using Erp.Kernel.Modularity;
using Erp.Kernel;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Erp.Catalog;

/// <summary>
/// The catalog plugin: products (stocked or services, with prices, unit, tax category and images) in a category tree,
/// and the customers and suppliers they are sold to and bought from, company by company. Inventory, sales and invoicing refer to its products through <c>Erp.Catalog.Contracts</c>.
/// </summary>
[DependsOn("Erp.BlobStoring", "Erp.Companies")]
public sealed class CatalogModule : ErpModule
{
    public const string ImagesContainer = "catalog-images";

    public override void ConfigureServices(ModuleServices module)
    {
        module.AddJsonTypes(CatalogJsonContext.Default);
        module.AddDbContext<CatalogDbContext>().AddSeeder<CatalogDemoSeeder>();
        module.Services.AddScoped<ProductService>().AddScoped<CategoryService>().AddScoped<PartnerService>().AddScoped<PriceListService>()
            .AddScoped<IProductPrices>(provider => provider.GetRequiredService<PriceListService>())
            .AddScoped<ICatalogProducts>(provider => provider.GetRequiredService<ProductService>())
            .AddScoped<ICatalogPartners>(provider => provider.GetRequiredService<PartnerService>());
        module.Services.AddSingleton(new BlobContainerDefinition(ImagesContainer, 5 * 1024 * 1024, BlobFileType.Images));
        module.Services.AddSingleton(new AttachableEntityDefinition("products", CatalogPermissions.Products, CatalogPermissions.ManageProducts,
            (services, id, ct) => Guid.TryParse(id, out var productId) ? services.GetRequiredService<ProductService>().ExistsAsync(productId, ct) : Task.FromResult(false),
            ImagesContainer));
        // Administrators may give products and partners fields and workflows of their own; low-code records may refer to them.
        module.Services.AddSingleton(new ExtensibleEntityDefinition(CatalogEntities.Product, "Product", typeof(Product), CatalogDbContext.Schema, "products",
            CatalogPermissions.Products, CatalogPermissions.ManageProducts, [typeof(ProductDto), typeof(SaveProductRequest)], DisplayColumn: "name"));
        module.Services.AddSingleton(new ExtensibleEntityDefinition(CatalogEntities.Partner, "Partner", typeof(Partner), CatalogDbContext.Schema, "partners",
            CatalogPermissions.Partners, CatalogPermissions.ManagePartners, [typeof(PartnerDto), typeof(SavePartnerRequest)], DisplayColumn: "name"));
        module.RequireService<IExtraFields>(providedBy: "the low-code module");
        module.Services.AddValidation();

        foreach (var permission in CatalogPermissions.All) module.Permissions.Add(permission);
        foreach (var setting in CatalogSettings.All) module.Settings.Add(setting);
        module.OpenApiTags.Add(new OpenApiTagDefinition("Products", "The catalog's products: SKU, prices, unit, tax category; images as attachments (/api/attachments/products/{id})."));
        module.OpenApiTags.Add(new OpenApiTagDefinition("Product categories", "The tree products are sorted into."));
        module.OpenApiTags.Add(new OpenApiTagDefinition("Partners", "Customers and suppliers: addresses, contacts, currency, payment terms, credit limit."));
        module.OpenApiTags.Add(new OpenApiTagDefinition("Price lists", "Prices by validity dates and quantity breaks, a customer's own or their default; the price a customer pays."));
    }

    public override void MapEndpoints(IEndpointRouteBuilder api)
    {
        api.MapProductEndpoints();
        api.MapCategoryEndpoints();
        api.MapPartnerEndpoints();
        api.MapPriceListEndpoints();
    }
}
