using System.Net;
using System.Net.Http.Json;
using Erp.Testing;
using Shouldly;

namespace Erp.Identity.Tests;

/// <summary>
/// A use case commits once or not at all. The security log is the last write of every administrative change; a
/// trigger makes it fail, and the change must leave nothing behind (a lock that half-applied would revoke the user's
/// sessions without locking them, or lock them with no record of who did it).
/// </summary>
public sealed class UseCaseTransactionTests(IdentityFixture fixture) : IClassFixture<IdentityFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task WhenTheSecurityLogCannotBeWritten_NoAdministrativeChangeIsHalfWritten()
    {
        var (userId, userName, user) = await fixture.SignedInUserAsync();
        var role = await (await fixture.Admin.PostAsJsonAsync("/api/identity/roles", new { name = "clerks-" + Guid.NewGuid().ToString("N")[..6] }, Ct))
            .ReadAsync<Role>();
        var client = "feed-" + Guid.NewGuid().ToString("N")[..6];
        (await fixture.Admin.PostAsJsonAsync("/api/identity/clients", new { clientId = client, displayName = "Feed" }, Ct)).StatusCode.ShouldBe(HttpStatusCode.Created);

        await PostgresServer.ExecuteAsync("""
            CREATE FUNCTION identity.refuse_log() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'log refused'; END $$;
            CREATE TRIGGER refuse_log BEFORE INSERT ON identity.security_log FOR EACH ROW EXECUTE FUNCTION identity.refuse_log();
            """, fixture.Database);
        try
        {
            (await fixture.Admin.PostAsync($"/api/identity/users/{userId}/lock", null, Ct)).IsSuccessStatusCode.ShouldBeFalse();
            (await fixture.Admin.PutAsJsonAsync($"/api/identity/users/{userId}", new { email = $"{userName}@erp.test", displayName = "Changed" }, Ct)).IsSuccessStatusCode.ShouldBeFalse();
            (await fixture.Admin.DeleteAsync($"/api/identity/roles/{role.Id}", Ct)).IsSuccessStatusCode.ShouldBeFalse();
            (await fixture.Admin.DeleteAsync($"/api/identity/clients/{client}", Ct)).IsSuccessStatusCode.ShouldBeFalse();
        }
        finally
        {
            await PostgresServer.ExecuteAsync("DROP TRIGGER refuse_log ON identity.security_log; DROP FUNCTION identity.refuse_log();", fixture.Database);
        }

        (await PostgresServer.ScalarAsync<bool>(fixture.Database, $"SELECT lockout_end IS NULL FROM identity.users WHERE id = '{userId}'")).ShouldBeTrue();
        (await PostgresServer.ScalarAsync<long>(fixture.Database, $"SELECT count(*) FROM identity.oidc_tokens WHERE subject = '{userId}' AND status = 'revoked'")).ShouldBe(0);
        (await user.GetAsync("/api/app-config", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await PostgresServer.ScalarAsync<string>(fixture.Database, $"SELECT coalesce(display_name, '') FROM identity.users WHERE id = '{userId}'")).ShouldNotBe("Changed");
        (await fixture.Admin.GetAsync($"/api/identity/roles/{role.Id}", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await fixture.Admin.GetStringAsync("/api/identity/clients", Ct)).ShouldContain(client);
    }

    private sealed record Role(Guid Id, string Name);
}
