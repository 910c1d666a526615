using System.Text.Json;
using System.Text.Json.Serialization;

namespace Erp.Printing.Http;

/// <summary>The printing endpoints' request and response types, their JSON metadata generated at compile time.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(DocumentMailedDto))]
[JsonSerializable(typeof(IReadOnlyList<PrintTemplateDto>))]
[JsonSerializable(typeof(MailDocumentRequest))]
[JsonSerializable(typeof(PreviewPrintTemplateRequest))]
[JsonSerializable(typeof(PrintTemplateDto))]
[JsonSerializable(typeof(PrintTemplateOverrideDto))]
[JsonSerializable(typeof(SavePrintTemplateOverrideRequest))]
internal sealed partial class PrintingJsonContext : JsonSerializerContext;
