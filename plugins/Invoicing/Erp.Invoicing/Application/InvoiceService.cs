using Erp.Catalog;
using Erp.Invoicing.Data;
using Erp.Invoicing.Domain;
using Erp.Kernel;
using Erp.Kernel.Data;
using Erp.Kernel.Domain;
using Erp.Kernel.Settings;
using Erp.Sales;
using Microsoft.EntityFrameworkCore;

namespace Erp.Invoicing.Application;

/// <summary>
/// Invoices and credit notes, one unit of work per use case: invoicing an order records its invoiced units on the order
/// (through sales' Contracts) in the same transaction, and posting draws the gap-free number in the posting's own. Invoices
/// carry the fields administrators gave them (<see cref="InvoicingEntities.Invoice"/>), set while a draft, saved in the
/// same transaction; while an extension's workflow holds a draft in a read-only state, it is neither changed, deleted nor posted.
/// </summary>
internal sealed class InvoiceService(
    InvoicingDbContext db, UnitOfWork unitOfWork, ISalesOrders orders, ICatalogPartners partners, ISettingProvider settings, IExtraFields extraFields,
    TimeProvider clock)
{
    public async Task<Page<InvoiceDto>> ListAsync(InvoiceFilter filter, int skip, int take, CancellationToken cancellationToken)
    {
        var query = db.Invoices.AsNoTracking();
        if (filter.CompanyId is { } company) query = query.Where(i => i.CompanyId == company);
        if (filter.CustomerId is { } customer) query = query.Where(i => i.CustomerId == customer);
        if (filter.SalesOrderId is { } order) query = query.Where(i => i.SalesOrderId == order);
        if (filter.Status is { } status) query = query.Where(i => i.Status == status);
        if (filter.Kind is { } kind) query = query.Where(i => i.Kind == kind);
        var total = await query.CountAsync(cancellationToken);
        var page = await query.OrderByDescending(i => i.InvoiceDate).ThenByDescending(i => i.Number).ThenByDescending(i => i.Id).Skip(skip).Take(take).ToListAsync(cancellationToken);
        return new Page<InvoiceDto>(await WithExtraAsync(page, cancellationToken), total, skip, take);
    }

    public async Task<InvoiceDto> GetAsync(Guid id, CancellationToken cancellationToken) => await WithExtraAsync(await FindAsync(id, tracked: false, cancellationToken), cancellationToken);

    public Task<bool> ExistsAsync(Guid id, CancellationToken cancellationToken) => db.Invoices.AnyAsync(i => i.Id == id, cancellationToken);

    public async Task<InvoiceDto> InvoiceOrderAsync(InvoiceSalesOrderRequest request, CancellationToken cancellationToken)
    {
        var saved = await unitOfWork.RunAsync(async () =>
        {
            await extraFields.CheckAsync(InvoicingEntities.Invoice, request.Extra, creating: true, cancellationToken);
            var order = await orders.GetAsync(request.SalesOrderId, cancellationToken);
            var customer = await partners.FindAsync(order.CustomerId, cancellationToken) ?? throw new NotFoundException(CatalogErrors.PartnerNotFound, order.CustomerId);
            var lines = order.Lines
                .Select(l => (Line: l, Quantity: (request.Basis == InvoiceBasis.Delivered ? l.Delivered : l.Quantity) - l.Invoiced))
                .Where(l => l.Quantity > 0)
                .Select(l => new InvoicedLine(l.Line.Id, null, l.Line.ProductId, l.Line.Description, l.Quantity, l.Line.Unit, l.Line.UnitPrice, l.Line.DiscountPercent, l.Line.TaxRate))
                .ToList();
            var invoice = Invoice.Draft(new InvoiceHeader(order.CustomerId, order.Id, order.Number, order.Currency, order.PricesIncludeTax, order.TaxRounding,
                customer.PaymentTermDays), lines);
            db.Invoices.Add(invoice);
            await orders.RecordInvoicedAsync(order.Id, [.. lines.Select(l => (l.OrderLineId!.Value, l.Quantity))], cancellationToken);
            await extraFields.SaveWithExtraAsync(db, InvoicingEntities.Invoice, invoice.Id, request.Extra, cancellationToken);
            return invoice;
        }, cancellationToken);
        return await WithExtraAsync(saved, cancellationToken);
    }

    public async Task<InvoiceDto> ChangeDraftAsync(Guid id, ChangeDraftRequest request, CancellationToken cancellationToken)
    {
        var invoice = await FindAsync(id, tracked: true, cancellationToken);
        db.Entry(invoice).Property(i => i.Version).OriginalValue = request.Version;
        invoice.ChangeDraft(request.InvoiceDate, request.DueDate, request.Note);
        await extraFields.CheckWritableAsync(InvoicingEntities.Invoice, id, cancellationToken);
        await extraFields.CheckAsync(InvoicingEntities.Invoice, request.Extra, creating: false, cancellationToken);
        await extraFields.SaveWithExtraAsync(db, InvoicingEntities.Invoice, invoice.Id, request.Extra, cancellationToken);
        return await WithExtraAsync(invoice, cancellationToken);
    }

    /// <summary>Deletes a draft; its units are the order's to invoice again.</summary>
    public Task DeleteDraftAsync(Guid id, CancellationToken cancellationToken) => unitOfWork.RunAsync(async () =>
    {
        var invoice = await FindAsync(id, tracked: true, cancellationToken);
        InvoiceRules.MustBeADraft(invoice).ThrowIfBroken();
        await extraFields.CheckWritableAsync(InvoicingEntities.Invoice, id, cancellationToken);
        await GiveBackToOrderAsync(invoice, invoice.Lines.Select(l => (l.OrderLineId, l.Quantity)), cancellationToken);
        db.Invoices.Remove(invoice);
        await db.SaveChangesAsync(cancellationToken);
    }, cancellationToken);

    public async Task<InvoiceDto> PostAsync(Guid id, uint version, CancellationToken cancellationToken)
    {
        var saved = await unitOfWork.RunAsync(async () =>
        {
            var invoice = await FindAsync(id, tracked: true, cancellationToken);
            db.Entry(invoice).Property(i => i.Version).OriginalValue = version;
            InvoiceRules.MustBeADraft(invoice).ThrowIfBroken();
            await extraFields.CheckWritableAsync(InvoicingEntities.Invoice, id, cancellationToken);
            var today = Today();
            invoice.Post(await db.NextAsync("Invoicing.Invoice", settings, InvoicingSettings.InvoiceNumbers, invoice.InvoiceDate ?? today, cancellationToken), today);
            db.Publish(new InvoicePostedIntegrationEvent(invoice.CompanyId, invoice.Id, invoice.Kind, invoice.Number!, invoice.CustomerId, invoice.SalesOrderId,
                invoice.GrossTotal, invoice.Currency));
            await db.SaveChangesAsync(cancellationToken);
            return invoice;
        }, cancellationToken);
        return await WithExtraAsync(saved, cancellationToken);
    }

    public async Task<InvoiceDto> PayAsync(Guid id, RecordPaymentRequest request, CancellationToken cancellationToken)
    {
        var invoice = await FindAsync(id, tracked: true, cancellationToken);
        if (invoice.Pay(request.Date ?? Today(), request.Amount, request.Reference)) PublishPaid(invoice);
        await db.SaveChangesAsync(cancellationToken);
        return await WithExtraAsync(invoice, cancellationToken);
    }

    /// <summary>A credit note for all or part of a posted invoice, posted at once; its units are the order's to invoice again.</summary>
    public async Task<InvoiceDto> CreditAsync(Guid id, CreditInvoiceRequest request, CancellationToken cancellationToken)
    {
        var saved = await unitOfWork.RunAsync(async () =>
        {
            var invoice = await FindAsync(id, tracked: true, cancellationToken);
            InvoiceRules.MustBePosted(invoice).ThrowIfBroken();
            InvoiceRules.MayNotCreditACreditNote(invoice).ThrowIfBroken();
            var earlier = await db.Invoices.AsNoTracking().Where(c => c.CreditedInvoiceId == id).ToListAsync(cancellationToken);
            var today = Today();
            var number = await db.NextAsync("Invoicing.CreditNote", settings, InvoicingSettings.CreditNoteNumbers, today, cancellationToken);
            var parts = request.Lines?.Select(l => (l.InvoiceLineId, l.Quantity)).ToList()
                ?? [.. invoice.Lines.Select(l => (l.Id, l.Quantity - earlier.SelectMany(c => c.Lines).Where(c => c.CreditedLineId == l.Id).Sum(c => c.Quantity))).Where(p => p.Item2 > 0)];
            var wasPaid = invoice.Status == InvoiceStatus.Paid;
            var note = invoice.Credit(number, today, request.Reason, parts, earlier);
            db.Invoices.Add(note);
            await GiveBackToOrderAsync(invoice, note.Lines.Select(l => (invoice.Lines.Single(i => i.Id == l.CreditedLineId).OrderLineId, l.Quantity)), cancellationToken);
            db.Publish(new InvoicePostedIntegrationEvent(note.CompanyId, note.Id, note.Kind, note.Number!, note.CustomerId, note.SalesOrderId, note.GrossTotal, note.Currency));
            if (!wasPaid && invoice.Status == InvoiceStatus.Paid) PublishPaid(invoice);
            await db.SaveChangesAsync(cancellationToken);
            return note;
        }, cancellationToken);
        return await WithExtraAsync(saved, cancellationToken);
    }

    private async Task GiveBackToOrderAsync(Invoice invoice, IEnumerable<(Guid? OrderLineId, decimal Quantity)> lines, CancellationToken cancellationToken)
    {
        if (invoice.SalesOrderId is not { } orderId) return;
        var back = lines.Where(l => l.OrderLineId is not null).Select(l => (l.OrderLineId!.Value, -l.Quantity)).ToList();
        if (back.Count > 0) await orders.RecordInvoicedAsync(orderId, back, cancellationToken);
    }

    private void PublishPaid(Invoice invoice) =>
        db.Publish(new InvoicePaidIntegrationEvent(invoice.CompanyId, invoice.Id, invoice.Number!, invoice.CustomerId, invoice.SalesOrderId));

    private DateOnly Today() => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    private async Task<Invoice> FindAsync(Guid id, bool tracked, CancellationToken cancellationToken) =>
        await (tracked ? db.Invoices : db.Invoices.AsNoTracking()).FirstOrDefaultAsync(i => i.Id == id, cancellationToken)
        ?? throw new NotFoundException(InvoicingErrors.InvoiceNotFound, id);

    private async Task<InvoiceDto> WithExtraAsync(Invoice invoice, CancellationToken cancellationToken) => (await WithExtraAsync([invoice], cancellationToken))[0];

    // Once the use case has committed: the extra values are read on a connection of their own.
    private Task<IReadOnlyList<InvoiceDto>> WithExtraAsync(IReadOnlyList<Invoice> invoices, CancellationToken cancellationToken) =>
        extraFields.WithExtraAsync(InvoicingEntities.Invoice, invoices, i => i.Id, (i, extra) => ToDto(i) with { Extra = extra }, cancellationToken);

    private static InvoiceDto ToDto(Invoice i) => new(i.Id, i.CompanyId, i.Kind, i.Number, i.Status, i.CustomerId, i.SalesOrderId, i.SalesOrderNumber,
        i.CreditedInvoiceId, i.Currency, i.InvoiceDate, i.DueDate, i.PricesIncludeTax, i.Note,
        [.. i.Lines.OrderBy(l => l.LineNumber).Select(l => new InvoiceLineDto(l.Id, l.LineNumber, l.OrderLineId, l.ProductId, l.Description, l.Quantity, l.Unit,
            l.UnitPrice, l.DiscountPercent, l.TaxRate, l.NetAmount, l.TaxAmount, l.GrossAmount))],
        i.Taxes(),
        i.NetTotal, i.TaxTotal, i.GrossTotal, i.Settled, i.Open,
        [.. i.Payments.OrderBy(p => p.Date).ThenBy(p => p.Id).Select(p => new PaymentDto(p.Id, p.Date, p.Amount, p.Reference, p.OffsetDocumentId))], i.Version);
}
