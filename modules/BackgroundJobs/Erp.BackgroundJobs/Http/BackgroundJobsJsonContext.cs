using System.Text.Json;
using System.Text.Json.Serialization;

namespace Erp.BackgroundJobs.Http;

/// <summary>The background jobs endpoints' request and response types, their JSON metadata generated at compile time.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(IReadOnlyList<FailedJobDto>))]
[JsonSerializable(typeof(IReadOnlyList<RecurringJobDto>))]
[JsonSerializable(typeof(JobStatisticsDto))]
internal sealed partial class BackgroundJobsJsonContext : JsonSerializerContext;
