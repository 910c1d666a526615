using Erp.Kernel;

namespace Erp.Sales;

/// <summary>A quotation became an order: its stock is reserved and the customer's credit checked.</summary>
public sealed record SalesOrderConfirmedIntegrationEvent(Guid CompanyId, Guid OrderId, string Number, Guid CustomerId, decimal GrossTotal, string Currency)
    : IIntegrationEvent;

/// <summary>Units of an order left the warehouse under a delivery note; <paramref name="FullyDelivered"/> once nothing is left.</summary>
public sealed record SalesOrderDeliveredIntegrationEvent(Guid CompanyId, Guid OrderId, string Number, string DeliveryNumber, bool FullyDelivered)
    : IIntegrationEvent;

/// <summary>An order was cancelled; what it had reserved is free again.</summary>
public sealed record SalesOrderCancelledIntegrationEvent(Guid CompanyId, Guid OrderId, string QuotationNumber, string? Number) : IIntegrationEvent;
