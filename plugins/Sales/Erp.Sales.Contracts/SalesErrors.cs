namespace Erp.Sales;

/// <summary>Stable error codes of sales; clients branch on these.</summary>
public static class SalesErrors
{
    public const string OrderNotFound = "sales.order.not-found";
    public const string NotACustomer = "sales.order.not-a-customer";
    public const string CurrencyMismatch = "sales.order.currency-mismatch";
    public const string ProductInactive = "sales.order.product-inactive";
    public const string NotAQuotation = "sales.order.not-a-quotation";
    public const string NotConfirmed = "sales.order.not-confirmed";
    public const string CreditLimitExceeded = "sales.order.credit-limit";
    public const string DeliveryExceedsOrder = "sales.delivery.exceeds-order";
    public const string DeliveryNotFound = "sales.delivery.not-found";
    public const string LineNotFound = "sales.order.line-not-found";
    public const string DeliveredCannotCancel = "sales.order.delivered";
    public const string InvoiceExceedsOrder = "sales.invoice.exceeds-order";
}
