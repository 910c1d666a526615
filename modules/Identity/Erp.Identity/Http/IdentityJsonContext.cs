using System.Text.Json;
using System.Text.Json.Serialization;
using Erp.Kernel;

namespace Erp.Identity.Http;

/// <summary>The identity endpoints' request and response types, their JSON metadata generated at compile time.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(Account.ConfirmIdentityRequest))]
[JsonSerializable(typeof(Account.EnableTwoFactorRequest))]
[JsonSerializable(typeof(Account.RecoveryCodesDto))]
[JsonSerializable(typeof(Account.TwoFactorSetupDto))]
[JsonSerializable(typeof(Clients.CreateClientRequest))]
[JsonSerializable(typeof(Clients.CreatedClientDto))]
[JsonSerializable(typeof(IReadOnlyList<Clients.ClientDto>))]
[JsonSerializable(typeof(IReadOnlyList<Roles.RoleDto>))]
[JsonSerializable(typeof(Page<Users.SecurityLogEntryDto>))]
[JsonSerializable(typeof(Page<Users.UserDto>))]
[JsonSerializable(typeof(Roles.CreateRoleRequest))]
[JsonSerializable(typeof(Roles.RenameRoleRequest))]
[JsonSerializable(typeof(Roles.RoleDto))]
[JsonSerializable(typeof(Statistics.SignInStatisticsDto))]
[JsonSerializable(typeof(Statistics.UserStatisticsDto))]
[JsonSerializable(typeof(Users.CreateUserRequest))]
[JsonSerializable(typeof(Users.SetUserRolesRequest))]
[JsonSerializable(typeof(Users.UpdateUserRequest))]
[JsonSerializable(typeof(Users.UserDto))]
internal sealed partial class IdentityJsonContext : JsonSerializerContext;
