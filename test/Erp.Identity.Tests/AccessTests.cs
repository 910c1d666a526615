using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Erp.Testing;
using Shouldly;

namespace Erp.Identity.Tests;

/// <summary>Who may call what: every endpoint of the OpenAPI document, permission grants taking effect at once, and one user against another's data.</summary>
public sealed class AccessTests(IdentityFixture fixture) : IClassFixture<IdentityFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task EveryEndpoint_RefusesAnonymousCallers_UnlessPublic_AndCallersWithoutItsPermission()
    {
        using var anonymous = fixture.Host.CreateClient(new() { BaseAddress = new Uri("https://localhost") });
        var (_, _, nobody) = await fixture.SignedInUserAsync();
        var document = JsonDocument.Parse(await fixture.Admin.GetStringAsync("/openapi/v1.json", Ct)).RootElement;

        var checkedProtected = 0;
        var checkedPermission = 0;
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject().Where(o => o.Name is "get" or "post" or "put" or "patch" or "delete"))
            {
                var url = Placeholders(path.Name);
                var isPublic = !operation.Value.TryGetProperty("security", out _);
                var anonymousResponse = await SendAsync(anonymous, operation.Name, url);
                if (isPublic)
                {
                    anonymousResponse.StatusCode.ShouldNotBe(HttpStatusCode.Unauthorized, $"{operation.Name} {path.Name} is marked public");
                    continue;
                }

                await anonymousResponse.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "unauthenticated");
                checkedProtected++;
                if (operation.Value.TryGetProperty("x-erp-permission", out var permission))
                {
                    var forbidden = await (await SendAsync(nobody, operation.Name, url)).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "forbidden");
                    forbidden.GetProperty("detail").GetString()!.ShouldContain(permission.GetString()!);
                    checkedPermission++;
                }
            }
        }

        checkedProtected.ShouldBeGreaterThan(25);
        checkedPermission.ShouldBeGreaterThan(20);
    }

    [Fact]
    public async Task AGrant_TakesEffectAtOnce_ForTheSameToken_AndARevokeToo()
    {
        var (userId, _, user) = await fixture.SignedInUserAsync();
        await (await user.GetAsync("/api/identity/users", Ct)).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "forbidden");

        await GrantAsync("User", userId.ToString(), grant: ["Identity.Users"]);
        (await user.GetAsync("/api/identity/users", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var config = await (await user.GetAsync("/api/app-config", Ct)).ReadAsync<AppConfig>();
        config.Permissions.ShouldBe(["Identity.Users"]);
        config.Menu.Single(m => m.Name == "Administration").Children.Select(c => c.Name).ShouldBe(["Users"]);

        await GrantAsync("User", userId.ToString(), revoke: ["Identity.Users"]);
        await (await user.GetAsync("/api/identity/users", Ct)).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        (await (await user.GetAsync("/api/app-config", Ct)).ReadAsync<AppConfig>()).Menu.ShouldBeEmpty();
    }

    /// <summary>Membership and role deletion reach the permissions module as integration events: within a second.</summary>
    [Fact]
    public async Task RoleGrants_AtOnce_AndRoleMembershipAndDeletion_WithinASecond()
    {
        var role = await (await fixture.Admin.PostAsJsonAsync("/api/identity/roles", new { name = "auditors-" + Guid.NewGuid().ToString("N")[..6] }, Ct)).ReadAsync<Role>();
        await GrantAsync("Role", role.Id.ToString(), grant: ["Identity.Users", "Identity.Users.SecurityLog"]);
        var (userId, _, user) = await fixture.SignedInUserAsync();
        await (await user.GetAsync($"/api/identity/users/{userId}/security-log", Ct)).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "forbidden");

        (await fixture.Admin.PutAsJsonAsync($"/api/identity/users/{userId}/roles", new { roles = new[] { role.Name } }, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Eventually.StatusAsync(() => user.GetAsync($"/api/identity/users/{userId}/security-log", Ct), HttpStatusCode.OK, Second)).Value
            .ShouldBe(HttpStatusCode.OK);

        (await fixture.Admin.DeleteAsync($"/api/identity/roles/{role.Id}", Ct)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await Eventually.StatusAsync(() => user.GetAsync($"/api/identity/users/{userId}/security-log", Ct), HttpStatusCode.Forbidden, Second)).Value
            .ShouldBe(HttpStatusCode.Forbidden);
        await (await user.GetAsync($"/api/identity/users/{userId}/security-log", Ct)).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task AUser_CannotReadOrChangeAnotherUser_WithoutThePermission()
    {
        var (victimId, _, _) = await fixture.SignedInUserAsync();
        var (attackerId, _, attacker) = await fixture.SignedInUserAsync();

        await (await attacker.GetAsync($"/api/identity/users/{victimId}", Ct)).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        await (await attacker.GetAsync($"/api/identity/users/{victimId}/security-log", Ct)).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        await (await attacker.PutAsJsonAsync($"/api/identity/users/{victimId}", new { email = "attacker@evil.test" }, Ct)).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        await (await attacker.PutAsJsonAsync($"/api/identity/users/{attackerId}/roles", new { roles = new[] { "admin" } }, Ct)).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        await (await attacker.PostAsync($"/api/identity/users/{victimId}/lock", null, Ct)).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        await (await attacker.PutAsJsonAsync("/api/permissions/grants", new { kind = "User", key = attackerId.ToString(), grant = new[] { "Identity.Users.Update" } }, Ct))
            .ShouldBeProblemAsync(HttpStatusCode.Forbidden, "forbidden");

        // Reading users does not allow changing them.
        await GrantAsync("User", attackerId.ToString(), grant: ["Identity.Users"]);
        (await attacker.GetAsync($"/api/identity/users/{victimId}", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        await (await attacker.PutAsJsonAsync($"/api/identity/users/{victimId}", new { email = "attacker@evil.test" }, Ct)).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "forbidden");

        var victim = await (await fixture.Admin.GetAsync($"/api/identity/users/{victimId}", Ct)).ReadAsync<User>();
        victim.Email.ShouldNotBe("attacker@evil.test");
    }

    [Fact]
    public async Task Grants_RefuseUnknownPermissionsAndSubjects_AndTheAdministratorRole_WritingNothing()
    {
        var (userId, _, _) = await fixture.SignedInUserAsync();
        await (await PutGrantsAsync("User", userId.ToString(), grant: ["Identity.Users", "No.Such.Permission"]))
            .ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "permissions.grant.unknown-permission");
        await (await PutGrantsAsync("User", Guid.NewGuid().ToString(), grant: ["Identity.Users"]))
            .ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "permissions.grant.unknown-subject");
        var admin = (await (await fixture.Admin.GetAsync("/api/identity/roles", Ct)).ReadAsync<Role[]>()).Single(r => r.Name == "admin");
        await (await PutGrantsAsync("Role", admin.Id.ToString(), revoke: ["Identity.Users"]))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict, "permissions.grant.administrator-role");

        var tree = await (await fixture.Admin.GetAsync($"/api/permissions/grants?kind=User&key={userId}", Ct)).ReadAsync<PermissionGroup[]>();
        tree.SelectMany(g => g.Permissions).Where(p => p.Granted).ShouldBeEmpty();
        tree.Select(g => g.Module).ShouldContain("Erp.Sample");
    }

    private async Task GrantAsync(string kind, string key, string[]? grant = null, string[]? revoke = null) =>
        (await PutGrantsAsync(kind, key, grant, revoke)).StatusCode.ShouldBe(HttpStatusCode.NoContent);

    private Task<HttpResponseMessage> PutGrantsAsync(string kind, string key, string[]? grant = null, string[]? revoke = null) =>
        fixture.Admin.PutAsJsonAsync("/api/permissions/grants", new { kind, key, grant, revoke }, Ct);

    private static string Placeholders(string path) => System.Text.RegularExpressions.Regex.Replace(path, "{[^}]+}", m =>
        m.Value.Contains("id", StringComparison.OrdinalIgnoreCase) && !m.Value.Contains("client", StringComparison.OrdinalIgnoreCase)
            ? Guid.NewGuid().ToString() : "placeholder");

    // Access is decided before the body is read, so one empty JSON object serves every operation.
    private static Task<HttpResponseMessage> SendAsync(HttpClient client, string method, string url) =>
        client.SendAsync(new HttpRequestMessage(new HttpMethod(method.ToUpperInvariant()), url)
        {
            Content = method is "get" or "delete" ? null : new StringContent("{}", Encoding.UTF8, "application/json"),
        }, Ct);
}

internal sealed record Role(Guid Id, string Name, bool IsStatic, int UserCount);
internal sealed record User(Guid Id, string UserName, string Email, bool EmailConfirmed, bool IsLockedOut, bool TwoFactorEnabled, string[] Roles);
internal sealed record PermissionGroup(string Module, string DisplayName, PermissionNode[] Permissions);
internal sealed record PermissionNode(string Name, string DisplayName, string? Parent, bool Granted, bool GrantedThroughRoles);
