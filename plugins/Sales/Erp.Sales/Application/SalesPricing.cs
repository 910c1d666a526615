using System.Globalization;
using Erp.Catalog;
using Erp.Kernel.Domain;
using Erp.Kernel.Security;
using Erp.Kernel.Settings;
using Erp.Sales.Domain;

namespace Erp.Sales.Application;

/// <summary>
/// Turns a quotation request into priced, taxed lines: the customer (one of the company's, a customer), the currency (theirs
/// unless named), each product (the company's, active), its price (given, or the catalog's for this customer, quantity and
/// day, which must be in the order's currency) and its tax rate (the company's rate for the product's tax category).
/// </summary>
internal sealed class SalesPricing(ICatalogPartners partners, ICatalogProducts products, IProductPrices prices, ISettingProvider settings, ICurrentCompany company, TimeProvider clock)
{
    public async Task<SalesOrderDetails> PriceAsync(SaveSalesOrderRequest request, CancellationToken cancellationToken)
    {
        var companyId = company.Id ?? throw new ForbiddenException(CompanyErrors.NoCompany);
        var customer = await partners.FindAsync(request.CustomerId, cancellationToken);
        if (customer is null || customer.CompanyId != companyId) throw new NotFoundException(CatalogErrors.PartnerNotFound, request.CustomerId);
        if (!customer.IsCustomer || !customer.Active) throw new RequestRejectedException(SalesErrors.NotACustomer, customer.Name);
        var currency = request.Currency ?? customer.Currency;
        var day = request.OrderDate ?? DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

        var found = await products.FindAsync([.. request.Lines.Select(l => l.ProductId).Distinct()], cancellationToken);
        foreach (var line in request.Lines)
        {
            if (!found.TryGetValue(line.ProductId, out var product) || product.CompanyId != companyId) throw new NotFoundException(CatalogErrors.ProductNotFound, line.ProductId);
            if (!product.Active) throw new RequestRejectedException(SalesErrors.ProductInactive, product.Sku);
        }

        var catalogPrices = new Queue<ProductPriceDto>(await prices.PricesAsync(customer.Id,
            [.. request.Lines.Where(l => l.UnitPrice is null).Select(l => new PriceQuery(l.ProductId, l.Quantity))], day, cancellationToken));
        var lines = new List<PricedLine>();
        foreach (var line in request.Lines)
        {
            var product = found[line.ProductId];
            var unitPrice = line.UnitPrice ?? InCurrency(catalogPrices.Dequeue(), product, currency);
            lines.Add(new PricedLine(product.Id, string.IsNullOrWhiteSpace(line.Description) ? product.Name : line.Description.Trim(), line.Quantity, product.Unit,
                unitPrice, line.DiscountPercent, product.TaxCategory, await TaxRateAsync(product.TaxCategory, cancellationToken), product.Kind == ProductKind.Stocked));
        }

        var rounding = await settings.GetAsync(SalesSettings.TaxRounding, cancellationToken) == "document" ? TaxRounding.Document : TaxRounding.Line;
        return new SalesOrderDetails(customer.Id, request.WarehouseId, currency, day, await settings.GetYesNoAsync(SalesSettings.PricesIncludeTax, cancellationToken),
            rounding, lines);
    }

    private static decimal InCurrency(ProductPriceDto price, ProductSummary product, string currency) =>
        price.Currency == currency ? price.UnitPrice : throw new RequestRejectedException(SalesErrors.CurrencyMismatch, product.Sku, price.Currency, currency);

    private async Task<decimal> TaxRateAsync(string taxCategory, CancellationToken cancellationToken) =>
        await settings.GetAsync(SalesSettings.TaxRate(taxCategory), cancellationToken) is { } rate ? decimal.Parse(rate, CultureInfo.InvariantCulture) : 0;
}
