using System.Text.Json;
using System.Text.Json.Serialization;

namespace Erp.Emailing.Http;

/// <summary>The emailing endpoints' request and response types, their JSON metadata generated at compile time.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(EmailPreviewDto))]
[JsonSerializable(typeof(EmailTemplateDto))]
[JsonSerializable(typeof(EmailTemplateOverrideDto))]
[JsonSerializable(typeof(IReadOnlyList<EmailMessageDto>))]
[JsonSerializable(typeof(IReadOnlyList<EmailTemplateDto>))]
[JsonSerializable(typeof(PreviewEmailRequest))]
[JsonSerializable(typeof(SaveEmailTemplateOverrideRequest))]
[JsonSerializable(typeof(SendTestEmailRequest))]
internal sealed partial class EmailingJsonContext : JsonSerializerContext;
