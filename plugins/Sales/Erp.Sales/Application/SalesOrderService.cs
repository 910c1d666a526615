using Erp.Catalog;
using Erp.Inventory;
using Erp.Kernel;
using Erp.Kernel.Data;
using Erp.Kernel.Domain;
using Erp.Kernel.Security;
using Erp.Kernel.Settings;
using Erp.Sales.Data;
using Erp.Sales.Domain;
using Microsoft.EntityFrameworkCore;

namespace Erp.Sales.Application;

/// <summary>
/// Quotations and sales orders, one unit of work per use case. Confirming draws the order's number, checks the customer's
/// credit and reserves the stocked lines through inventory's Contracts; delivering draws the delivery note's number and
/// issues the reserved units: each in one PostgreSQL transaction with inventory's writes, so a refusal anywhere leaves
/// nothing written and no number used. Orders carry the fields administrators gave them (<see cref="SalesEntities.Order"/>),
/// saved in the same transaction; while an extension's workflow holds an order in a read-only state, it is neither
/// changed, confirmed, delivered nor cancelled.
/// </summary>
internal sealed class SalesOrderService(
    SalesDbContext db, UnitOfWork unitOfWork, SalesPricing pricing, IStockReservations reservations, ICatalogPartners partners,
    ISettingProvider settings, IExtraFields extraFields, TimeProvider clock) : ISalesOrders
{
    public async Task<Page<SalesOrderDto>> ListAsync(SalesOrderFilter filter, int skip, int take, CancellationToken cancellationToken)
    {
        var query = db.Orders.AsNoTracking();
        if (filter.CompanyId is { } onlyCompany) query = query.Where(o => o.CompanyId == onlyCompany);
        if (filter.CustomerId is { } customer) query = query.Where(o => o.CustomerId == customer);
        if (filter.Status is { } status) query = query.Where(o => o.Status == status);
        if (!string.IsNullOrWhiteSpace(filter.Search))
        {
            var pattern = LikePattern.Containing(filter.Search);
            query = query.Where(o => EF.Functions.ILike(o.QuotationNumber, pattern) || (o.Number != null && EF.Functions.ILike(o.Number, pattern)));
        }

        var total = await query.CountAsync(cancellationToken);
        var page = await query.OrderByDescending(o => o.OrderDate).ThenByDescending(o => o.QuotationNumber).Skip(skip).Take(take).ToListAsync(cancellationToken);
        return new Page<SalesOrderDto>(await WithExtraAsync(page, cancellationToken), total, skip, take);
    }

    public async Task<SalesOrderDto> GetAsync(Guid id, CancellationToken cancellationToken) => await WithExtraAsync(await FindAsync(id, tracked: false, cancellationToken), cancellationToken);

    public Task<bool> ExistsAsync(Guid id, CancellationToken cancellationToken) => db.Orders.AnyAsync(o => o.Id == id, cancellationToken);

    public async Task<SalesOrderDto> CreateQuotationAsync(SaveSalesOrderRequest request, CancellationToken cancellationToken)
    {
        var saved = await unitOfWork.RunAsync(async () =>
        {
            await extraFields.CheckAsync(SalesEntities.Order, request.Extra, creating: true, cancellationToken);
            var details = await pricing.PriceAsync(request, cancellationToken);
            var number = await db.NextAsync("Sales.Quotation", settings, SalesSettings.QuotationNumbers, details.OrderDate, cancellationToken);
            var order = new SalesOrder(number, details);
            db.Orders.Add(order);
            await extraFields.SaveWithExtraAsync(db, SalesEntities.Order, order.Id, request.Extra, cancellationToken);
            return order;
        }, cancellationToken);
        return await WithExtraAsync(saved, cancellationToken);
    }

    public async Task<SalesOrderDto> UpdateQuotationAsync(Guid id, SaveSalesOrderRequest request, CancellationToken cancellationToken)
    {
        var saved = await unitOfWork.RunAsync(async () =>
        {
            var order = await FindAsync(id, tracked: true, cancellationToken);
            db.Entry(order).Property(o => o.Version).OriginalValue = request.Version;
            SalesOrderRules.MustBeAQuotation(order).ThrowIfBroken();
            await extraFields.CheckWritableAsync(SalesEntities.Order, id, cancellationToken);
            await extraFields.CheckAsync(SalesEntities.Order, request.Extra, creating: false, cancellationToken);
            order.Change(await pricing.PriceAsync(request, cancellationToken));
            await extraFields.SaveWithExtraAsync(db, SalesEntities.Order, order.Id, request.Extra, cancellationToken);
            return order;
        }, cancellationToken);
        return await WithExtraAsync(saved, cancellationToken);
    }

    public async Task<SalesOrderDto> ConfirmAsync(Guid id, uint version, CancellationToken cancellationToken)
    {
        var saved = await unitOfWork.RunAsync(async () =>
        {
            var order = await FindAsync(id, tracked: true, cancellationToken);
            db.Entry(order).Property(o => o.Version).OriginalValue = version;
            SalesOrderRules.MustBeAQuotation(order).ThrowIfBroken();
            await extraFields.CheckWritableAsync(SalesEntities.Order, id, cancellationToken);
            await CheckCreditAsync(order, cancellationToken);
            // The number is drawn last, once the stock is reserved: its series row stays locked until the commit, and every
            // other confirmation of the company waits for it.
            string? number = null;
            async Task<string> NumberAsync(CancellationToken ct) => number ??= await db.NextAsync("Sales.Order", settings, SalesSettings.OrderNumbers, Today(), ct);
            var stocked = order.Lines.Where(l => l.Stocked).Select(l => new StockLine(l.ProductId, l.Quantity)).ToList();
            if (stocked.Count > 0) await reservations.ReserveAsync(order.WarehouseId, stocked, NumberAsync, cancellationToken);
            order.Confirm(await NumberAsync(cancellationToken), clock.GetUtcNow());
            db.Publish(new SalesOrderConfirmedIntegrationEvent(order.CompanyId, order.Id, order.Number!, order.CustomerId, order.GrossTotal, order.Currency));
            await db.SaveChangesAsync(cancellationToken);
            return order;
        }, cancellationToken);
        return await WithExtraAsync(saved, cancellationToken);
    }

    public Task<DeliveryDto> DeliverAsync(Guid id, DeliverSalesOrderRequest request, CancellationToken cancellationToken) => unitOfWork.RunAsync(async () =>
    {
        var date = request.Date ?? Today();
        if (date > Today()) throw new InvalidFieldsException(nameof(request.Date), "sales.validation.delivery-in-future");
        var order = await FindAsync(id, tracked: true, cancellationToken);
        SalesOrderRules.MustBeConfirmed(order).ThrowIfBroken();
        await extraFields.CheckWritableAsync(SalesEntities.Order, id, cancellationToken);
        var number = await db.NextAsync("Sales.Delivery", settings, SalesSettings.DeliveryNumbers, date, cancellationToken);
        var delivery = order.Deliver(number, date, [.. request.Lines.Select(l => (l.OrderLineId, l.Quantity))]);
        var stocked = delivery.Lines.Where(l => order.Lines.Single(o => o.Id == l.OrderLineId).Stocked).Select(l => new StockLine(l.ProductId, l.Quantity)).ToList();
        if (stocked.Count > 0) await reservations.DeliverAsync(order.Number!, new DeliverReservedRequest(number, stocked), cancellationToken);
        db.Publish(new SalesOrderDeliveredIntegrationEvent(order.CompanyId, order.Id, order.Number!, number, order.Status == SalesOrderStatus.Delivered));
        await db.SaveChangesAsync(cancellationToken);
        return ToDto(delivery);
    }, cancellationToken);

    public async Task<SalesOrderDto> CancelAsync(Guid id, CancellationToken cancellationToken)
    {
        var saved = await unitOfWork.RunAsync(async () =>
        {
            var order = await FindAsync(id, tracked: true, cancellationToken);
            await extraFields.CheckWritableAsync(SalesEntities.Order, id, cancellationToken);
            var wasConfirmed = order.Status == SalesOrderStatus.Confirmed;
            order.Cancel();
            if (wasConfirmed && order.Lines.Any(l => l.Stocked)) await reservations.ReleaseAsync(order.Number!, cancellationToken);
            db.Publish(new SalesOrderCancelledIntegrationEvent(order.CompanyId, order.Id, order.QuotationNumber, order.Number));
            await db.SaveChangesAsync(cancellationToken);
            return order;
        }, cancellationToken);
        return await WithExtraAsync(saved, cancellationToken);
    }

    public Task RecordInvoicedAsync(Guid orderId, IReadOnlyList<(Guid OrderLineId, decimal Quantity)> lines, CancellationToken cancellationToken) =>
        unitOfWork.RunAsync(async () =>
        {
            var order = await FindAsync(orderId, tracked: true, cancellationToken);
            foreach (var (lineId, quantity) in lines) order.RecordInvoiced(lineId, quantity);
            await db.SaveChangesAsync(cancellationToken);
        }, cancellationToken);

    /// <summary>
    /// The customer's open orders (confirmed, not yet settled) and this one must stay within their credit limit. Checks of
    /// one customer take turns (a transaction-scoped advisory lock), so two orders confirmed at once cannot both slip under it.
    /// </summary>
    private async Task CheckCreditAsync(SalesOrder order, CancellationToken cancellationToken)
    {
        var customer = await partners.FindAsync(order.CustomerId, cancellationToken) ?? throw new NotFoundException(CatalogErrors.PartnerNotFound, order.CustomerId);
        if (customer.CreditLimit is null) return;
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended({"sales.credit:" + order.CustomerId}, 0))", cancellationToken);
        var exposure = await db.Orders.Where(o => o.CustomerId == order.CustomerId && o.Id != order.Id && o.Currency == order.Currency
                && (o.Status == SalesOrderStatus.Confirmed || o.Status == SalesOrderStatus.Delivered))
            .SumAsync(o => o.GrossTotal, cancellationToken);
        SalesOrderRules.CreditLimitHolds(order, customer.CreditLimit, exposure).ThrowIfBroken();
    }

    private DateOnly Today() => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    private async Task<SalesOrder> FindAsync(Guid id, bool tracked, CancellationToken cancellationToken) =>
        await (tracked ? db.Orders : db.Orders.AsNoTracking()).FirstOrDefaultAsync(o => o.Id == id, cancellationToken)
        ?? throw new NotFoundException(SalesErrors.OrderNotFound, id);

    private async Task<SalesOrderDto> WithExtraAsync(SalesOrder order, CancellationToken cancellationToken) => (await WithExtraAsync([order], cancellationToken))[0];

    // Once the use case has committed: the extra values are read on a connection of their own.
    private Task<IReadOnlyList<SalesOrderDto>> WithExtraAsync(IReadOnlyList<SalesOrder> orders, CancellationToken cancellationToken) =>
        extraFields.WithExtraAsync(SalesEntities.Order, orders, o => o.Id, (o, extra) => ToDto(o) with { Extra = extra }, cancellationToken);

    private static SalesOrderDto ToDto(SalesOrder o) => new(o.Id, o.CompanyId, o.QuotationNumber, o.Number, o.Status, o.CustomerId, o.WarehouseId, o.Currency,
        o.OrderDate, o.PricesIncludeTax, o.TaxRounding,
        [.. o.Lines.OrderBy(l => l.LineNumber).Select(l => new SalesOrderLineDto(l.Id, l.LineNumber, l.ProductId, l.Description, l.Quantity, l.Unit, l.UnitPrice,
            l.DiscountPercent, l.TaxCategory, l.TaxRate, l.Stocked, l.NetAmount, l.TaxAmount, l.GrossAmount, l.Delivered, l.Invoiced))],
        o.Taxes(), o.NetTotal, o.TaxTotal, o.GrossTotal, [.. o.Deliveries.OrderBy(d => d.Number).Select(ToDto)], o.ConfirmedAt, o.Version);

    private static DeliveryDto ToDto(Delivery d) => new(d.Id, d.Number, d.Date, [.. d.Lines.Select(l => new DeliveryLineDto(l.OrderLineId, l.ProductId, l.Quantity))]);
}
