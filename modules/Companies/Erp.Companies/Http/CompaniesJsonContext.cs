using System.Text.Json;
using System.Text.Json.Serialization;

namespace Erp.Companies.Http;

/// <summary>The companies endpoints' request and response types, their JSON metadata generated at compile time.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(CompanyDto))]
[JsonSerializable(typeof(CompanyMembersDto))]
[JsonSerializable(typeof(IReadOnlyList<CompanyDto>))]
[JsonSerializable(typeof(IReadOnlyList<MyCompanyDto>))]
[JsonSerializable(typeof(IReadOnlyList<TeamDto>))]
[JsonSerializable(typeof(SaveCompanyRequest))]
[JsonSerializable(typeof(SaveTeamRequest))]
[JsonSerializable(typeof(SetDefaultCompanyRequest))]
[JsonSerializable(typeof(TeamDto))]
[JsonSerializable(typeof(UpdateCompanyMembersRequest))]
internal sealed partial class CompaniesJsonContext : JsonSerializerContext;
