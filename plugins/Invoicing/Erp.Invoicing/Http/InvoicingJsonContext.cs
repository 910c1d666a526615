using System.Text.Json;
using System.Text.Json.Serialization;
using Erp.Kernel;

namespace Erp.Invoicing.Http;

/// <summary>The invoicing endpoints' request and response types, their JSON metadata generated at compile time.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(ChangeDraftRequest))]
[JsonSerializable(typeof(CreditInvoiceRequest))]
[JsonSerializable(typeof(InvoiceDto))]
[JsonSerializable(typeof(InvoiceSalesOrderRequest))]
[JsonSerializable(typeof(Page<InvoiceDto>))]
[JsonSerializable(typeof(PostInvoiceRequest))]
[JsonSerializable(typeof(RecordPaymentRequest))]
internal sealed partial class InvoicingJsonContext : JsonSerializerContext;
