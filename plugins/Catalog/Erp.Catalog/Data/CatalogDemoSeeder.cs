using Erp.Catalog.Domain;
using Erp.Companies;
using Erp.Kernel.Data;
using Erp.Kernel.Security;
using Microsoft.EntityFrameworkCore;

namespace Erp.Catalog.Data;

/// <summary>
/// With demo data, the installation's first company gets a believable hardware wholesaler's catalog: 50 products in 5
/// categories, 20 customers, 5 suppliers, a wholesale price list as some customers' default and two customers' own
/// lists with quantity breaks. Only into a company without products; the same every time (no randomness).
/// </summary>
internal sealed class CatalogDemoSeeder(CatalogDbContext db, ICompanyDirectory companies, CompanyWork work) : IDataSeeder
{
    private static readonly (string Category, string Code, string[] Names, string Unit, decimal Price)[] Ranges =
    [
        ("Hand tools", "HT", ["Claw hammer", "Sledgehammer", "Screwdriver set", "Combination pliers", "Hacksaw", "Spirit level", "Tape measure 5 m", "Utility knife", "Chisel set", "Wrench set"], "pcs", 12.90m),
        ("Power tools", "PT", ["Cordless drill", "Angle grinder", "Jigsaw", "Circular saw", "Orbital sander", "Impact driver", "Heat gun", "Rotary hammer", "Planer", "Multi-tool"], "pcs", 89.00m),
        ("Fasteners", "FA", ["Wood screws 4x40", "Wood screws 5x60", "Hex bolts M8", "Hex nuts M8", "Washers M8", "Wall plugs 8 mm", "Nails 60 mm", "Rivets 4 mm", "Anchor bolts M10", "Cable ties"], "box", 4.50m),
        ("Paint", "PA", ["Wall paint white 10 l", "Primer 5 l", "Wood stain oak 2.5 l", "Metal paint black 1 l", "Masking tape", "Paint roller set", "Brush set", "Paint tray", "Thinner 1 l", "Varnish clear 2.5 l"], "pcs", 24.00m),
        ("Garden", "GA", ["Garden hose 25 m", "Spade", "Rake", "Pruning shears", "Wheelbarrow", "Lawn mower", "Hedge trimmer", "Watering can", "Leaf blower", "Garden gloves"], "pcs", 19.50m),
    ];

    private static readonly string[] Customers =
    [
        "Berger Bau GmbH", "Hansen Haustechnik", "Kaya Renovierung", "Lindner Holzbau", "Meier & Söhne", "Nordlicht Hausmeister", "Öztürk Fliesen",
        "Petersen Dachbau", "Quast Gartenpflege", "Richter Elektro", "Schulz Sanitär", "Thomsen Tischlerei", "Unger Malerbetrieb", "Vogel Metallbau",
        "Wagner Immobilienservice", "Yilmaz Trockenbau", "Zimmermann Zaunbau", "Albrecht Facility", "Brandt Innenausbau", "Claasen Landschaftsbau",
    ];

    private static readonly string[] Suppliers = ["Eisenwerk Nord AG", "Farbenhaus Süd GmbH", "Gartenprofi Import", "Schraubenwelt KG", "Werkzeugunion eG"];

    public async Task SeedAsync(SeedContext context, CancellationToken cancellationToken)
    {
        if (!context.IncludeDemoData || await companies.AllAsync(cancellationToken) is not [var company, ..]) return;
        work.RunIn(company.Id);
        if (await db.Products.AnyAsync(cancellationToken)) return;

        var products = new List<Product>();
        foreach (var (name, code, names, unit, price) in Ranges)
        {
            var category = new Category(name, null);
            db.Categories.Add(category);
            await db.SaveChangesAsync(cancellationToken); // its id, for the products
            products.AddRange(names.Select((product, i) => new Product(new ProductDetails($"{code}-{i + 1:000}", product, null, category.Id, unit,
                ProductKind.Stocked, price + i * 1.5m, Math.Round((price + i * 1.5m) * 0.6m, 2), company.BaseCurrency, "standard", Active: true))));
        }

        db.Products.AddRange(products);
        var wholesale = new PriceList(new PriceListDetails("Wholesale", company.BaseCurrency, null, null, null, true,
            [.. products.Select(p => new PriceListLineDto(p.Id, 0, Math.Round(p.SalesPrice * 0.9m, 2)))]));
        db.PriceLists.Add(wholesale);
        await db.SaveChangesAsync(cancellationToken);

        var customers = Customers.Select((name, i) => new Partner(new PartnerDetails($"C-{1001 + i}", name, true, false, $"DE{300000001 + i}", null, null,
            company.BaseCurrency, i % 3 == 0 ? 14 : 30, i % 4 == 0 ? 10_000m : 25_000m, true,
            [new PartnerAddress(AddressKind.Billing, $"Industriestraße {i + 1}", $"{20095 + i * 7}", "Hamburg", "DE", true)],
            [new PartnerContact($"Einkauf {name.Split(' ')[0]}", null, null, "Purchasing")], i % 2 == 0 ? wholesale.Id : null))).ToList();
        var suppliers = Suppliers.Select((name, i) => new Partner(new PartnerDetails($"S-{2001 + i}", name, false, true, $"DE{400000001 + i}", null, null,
            company.BaseCurrency, 30, null, true, [new PartnerAddress(AddressKind.Billing, $"Hafenweg {i + 1}", "28195", "Bremen", "DE", true)], [], null)));
        db.Partners.AddRange([.. customers, .. suppliers]);
        await db.SaveChangesAsync(cancellationToken);

        // Two customers buy fasteners in bulk on their own terms.
        foreach (var customer in customers.Take(2))
        {
            db.PriceLists.Add(new PriceList(new PriceListDetails($"{customer.Name}: bulk fasteners", company.BaseCurrency, null, null, customer.Id, true,
                [.. products.Where(p => p.Sku.StartsWith("FA-", StringComparison.Ordinal)).SelectMany(p => new[]
                {
                    new PriceListLineDto(p.Id, 0, Math.Round(p.SalesPrice * 0.85m, 2)), new PriceListLineDto(p.Id, 100, Math.Round(p.SalesPrice * 0.75m, 2)),
                })])));
        }

        await db.SaveChangesAsync(cancellationToken);
        context.Report($"Catalog demo data in '{company.Name}': {products.Count} products, {customers.Count} customers, {Suppliers.Length} suppliers, 3 price lists");
    }
}
