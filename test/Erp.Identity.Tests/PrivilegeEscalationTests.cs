using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Erp.Testing;
using Shouldly;

namespace Erp.Identity.Tests;

/// <summary>
/// Delegated administration played by the attacker: a helpdesk account and a grant manager each try to become, or to
/// make someone, an administrator. A caller only gives what they hold; only administrators touch the administrator
/// role, administrators' accounts or another user's sign-in email; nobody changes their own roles or grants. Each
/// refusal is a 403 with its code, and nothing is written.
/// </summary>
public sealed class PrivilegeEscalationTests(IdentityFixture fixture) : IClassFixture<IdentityFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AHelpdeskUser_CannotMakeAnyoneAnAdministrator_NorGiveARoleCarryingMoreThanTheyHold_NorChangeTheirOwnRoles()
    {
        var (helpdeskId, helpdesk) = await UserHoldingAsync("Identity.Users", "Identity.Users.Create", "Identity.Users.Update");
        var (victimId, _, _) = await fixture.SignedInUserAsync();

        await (await helpdesk.PutAsJsonAsync($"/api/identity/users/{helpdeskId}/roles", new { roles = new[] { "admin" } }, Ct))
            .ShouldBeProblemAsync(HttpStatusCode.Forbidden, "identity.user.own-roles");
        await (await helpdesk.PutAsJsonAsync($"/api/identity/users/{victimId}/roles", new { roles = new[] { "admin" } }, Ct))
            .ShouldBeProblemAsync(HttpStatusCode.Forbidden, "identity.user.administrators-only");
        var accomplice = "accomplice" + Guid.NewGuid().ToString("N")[..8];
        await (await helpdesk.PostAsJsonAsync("/api/identity/users", new { userName = accomplice, email = $"{accomplice}@evil.test", roles = new[] { "admin" } }, Ct))
            .ShouldBeProblemAsync(HttpStatusCode.Forbidden, "identity.user.administrators-only");
        (await (await fixture.Admin.GetAsync($"/api/identity/users?search={accomplice}", Ct)).ReadAsync<JsonElement>()).GetProperty("total").GetInt32().ShouldBe(0);

        var powerful = await RoleHoldingAsync("Identity.Roles", "Identity.Roles.Manage");
        await (await helpdesk.PutAsJsonAsync($"/api/identity/users/{victimId}/roles", new { roles = new[] { powerful } }, Ct))
            .ShouldBeProblemAsync(HttpStatusCode.Forbidden, "identity.user.role-not-held");
        (await RolesOfAsync(victimId)).ShouldBeEmpty();

        // What they hold, they can give.
        var modest = await RoleHoldingAsync("Identity.Users");
        (await helpdesk.PutAsJsonAsync($"/api/identity/users/{victimId}/roles", new { roles = new[] { modest } }, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await RolesOfAsync(victimId)).ShouldBe([modest]);
    }

    [Fact]
    public async Task AHelpdeskUser_CannotTakeOverAnAdministratorsAccount_NorChangeAnotherUsersSignInEmail()
    {
        var (_, helpdesk) = await UserHoldingAsync("Identity.Users", "Identity.Users.Update", "Identity.Users.Lock");
        var adminId = await UserIdAsync(ErpHost.Admin);
        var admin = await (await fixture.Admin.GetAsync($"/api/identity/users/{adminId}", Ct)).ReadAsync<User>();

        await (await helpdesk.PutAsJsonAsync($"/api/identity/users/{adminId}", new { email = "helpdesk@evil.test" }, Ct))
            .ShouldBeProblemAsync(HttpStatusCode.Forbidden, "identity.user.administrators-only");
        await (await helpdesk.PostAsync($"/api/identity/users/{adminId}/lock", null, Ct))
            .ShouldBeProblemAsync(HttpStatusCode.Forbidden, "identity.user.administrators-only");
        await (await helpdesk.PostAsync($"/api/identity/users/{adminId}/force-password-reset", null, Ct))
            .ShouldBeProblemAsync(HttpStatusCode.Forbidden, "identity.user.administrators-only");
        var after = await (await fixture.Admin.GetAsync($"/api/identity/users/{adminId}", Ct)).ReadAsync<User>();
        (after.Email, after.IsLockedOut).ShouldBe((admin.Email, false));
        (await fixture.Admin.GetAsync("/api/identity/users", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK); // the admin's session lives

        var (victimId, victimName, _) = await fixture.SignedInUserAsync();
        await (await helpdesk.PutAsJsonAsync($"/api/identity/users/{victimId}", new { email = "helpdesk@evil.test" }, Ct))
            .ShouldBeProblemAsync(HttpStatusCode.Forbidden, "identity.user.administrators-only");
        (await helpdesk.PutAsJsonAsync($"/api/identity/users/{victimId}", new { email = $"{victimName}@erp.test", displayName = "Renamed" }, Ct))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task AGrantManager_OnlyGrantsWhatTheyHold_AndNeverToThemselves()
    {
        var (managerId, manager) = await UserHoldingAsync("Permissions.Grants", "Permissions.Grants.Manage");
        var (otherId, _, _) = await fixture.SignedInUserAsync();

        await (await manager.PutAsJsonAsync("/api/permissions/grants", new { kind = "User", key = managerId.ToString(), grant = new[] { "Identity.Users" } }, Ct))
            .ShouldBeProblemAsync(HttpStatusCode.Forbidden, "permissions.grant.own");
        await (await manager.PutAsJsonAsync("/api/permissions/grants", new { kind = "User", key = managerId.ToString("N").ToUpperInvariant(), grant = new[] { "Permissions.Grants" } }, Ct))
            .ShouldBeProblemAsync(HttpStatusCode.Forbidden, "permissions.grant.own");
        await (await manager.PutAsJsonAsync("/api/permissions/grants", new { kind = "User", key = otherId.ToString(), grant = new[] { "Permissions.Grants", "Identity.Users.Update" } }, Ct))
            .ShouldBeProblemAsync(HttpStatusCode.Forbidden, "permissions.grant.not-held");
        (await GrantedToAsync(otherId)).ShouldBeEmpty();

        (await manager.PutAsJsonAsync("/api/permissions/grants", new { kind = "User", key = otherId.ToString(), grant = new[] { "Permissions.Grants" } }, Ct))
            .StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await GrantedToAsync(otherId)).ShouldBe(["Permissions.Grants"]);
    }

    [Fact]
    public async Task EveryAdministrativeChange_IsInTheSecurityLog_WithWhoMadeIt()
    {
        var (helpdeskId, helpdesk) = await UserHoldingAsync("Identity.Users", "Identity.Users.Update", "Permissions.Grants", "Permissions.Grants.Manage");
        var helpdeskName = (await (await fixture.Admin.GetAsync($"/api/identity/users/{helpdeskId}", Ct)).ReadAsync<User>()).UserName;
        var (targetId, _, _) = await fixture.SignedInUserAsync();
        var role = await RoleHoldingAsync("Identity.Users"); // by the administrator

        (await helpdesk.PutAsJsonAsync($"/api/identity/users/{targetId}/roles", new { roles = new[] { role } }, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await helpdesk.PutAsJsonAsync("/api/permissions/grants", new { kind = "User", key = targetId.ToString(), grant = new[] { "Permissions.Grants" } }, Ct))
            .StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var client = "audit-" + Guid.NewGuid().ToString("N")[..8];
        (await fixture.Admin.PostAsJsonAsync("/api/identity/clients", new { clientId = client, displayName = "Audited" }, Ct)).StatusCode.ShouldBe(HttpStatusCode.Created);

        // The target's own log names the helpdesk user for both changes (the grant change arrives as an event).
        var (targetLog, _) = await Eventually.ValueAsync(async () => await LogAsync($"/api/identity/users/{targetId}/security-log"),
            entries => entries.Any(e => e.Action == "grants-changed"), TimeSpan.FromSeconds(10));
        targetLog.ShouldContain(e => e.Action == "roles-changed" && e.Actor == helpdeskName);
        targetLog.ShouldContain(e => e.Action == "grants-changed" && e.Actor == helpdeskName && e.Detail!.Contains("Permissions.Grants"));

        // Changes with no user as their subject are in the whole log, with the administrator as actor.
        var whole = await LogAsync("/api/identity/security-log?take=200");
        whole.ShouldContain(e => e.Action == "role-created" && e.Actor == ErpHost.Admin && e.Detail!.Contains(role));
        whole.ShouldContain(e => e.Action == "client-created" && e.Actor == ErpHost.Admin && e.ClientId == client);
    }

    private async Task<SecurityLogEntry[]> LogAsync(string url) => (await (await fixture.Admin.GetAsync(url, Ct)).ReadAsync<SecurityLogPage>()).Items;

    private async Task<(Guid Id, HttpClient Client)> UserHoldingAsync(params string[] permissions)
    {
        var (id, _, client) = await fixture.SignedInUserAsync(await RoleHoldingAsync(permissions));
        return (id, client);
    }

    private async Task<string> RoleHoldingAsync(params string[] permissions)
    {
        var role = await (await fixture.Admin.PostAsJsonAsync("/api/identity/roles", new { name = "role-" + Guid.NewGuid().ToString("N")[..8] }, Ct)).ReadAsync<Role>();
        (await fixture.Admin.PutAsJsonAsync("/api/permissions/grants", new { kind = "Role", key = role.Id.ToString(), grant = permissions }, Ct))
            .StatusCode.ShouldBe(HttpStatusCode.NoContent);
        return role.Name;
    }

    private async Task<Guid> UserIdAsync(string userName) =>
        (await (await fixture.Admin.GetAsync($"/api/identity/users?search={userName}", Ct)).ReadAsync<JsonElement>())
        .GetProperty("items").EnumerateArray().Single(u => u.GetProperty("userName").GetString() == userName).GetProperty("id").GetGuid();

    private async Task<string[]> RolesOfAsync(Guid userId) =>
        (await (await fixture.Admin.GetAsync($"/api/identity/users/{userId}", Ct)).ReadAsync<User>()).Roles;

    private async Task<string[]> GrantedToAsync(Guid userId) =>
        [.. (await (await fixture.Admin.GetAsync($"/api/permissions/grants?kind=User&key={userId}", Ct)).ReadAsync<JsonElement>())
            .EnumerateArray().SelectMany(g => g.GetProperty("permissions").EnumerateArray())
            .Where(p => p.GetProperty("granted").GetBoolean()).Select(p => p.GetProperty("name").GetString()!)];
}
