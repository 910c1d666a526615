using Erp.Kernel;

namespace Erp.Invoicing;

/// <summary>An invoice or credit note was posted: numbered, and never to change again.</summary>
public sealed record InvoicePostedIntegrationEvent(
    Guid CompanyId, Guid InvoiceId, InvoiceKind Kind, string Number, Guid CustomerId, Guid? SalesOrderId, decimal GrossTotal, string Currency) : IIntegrationEvent;

/// <summary>An invoice is settled in full, by payments and credit notes.</summary>
public sealed record InvoicePaidIntegrationEvent(Guid CompanyId, Guid InvoiceId, string Number, Guid CustomerId, Guid? SalesOrderId) : IIntegrationEvent;
