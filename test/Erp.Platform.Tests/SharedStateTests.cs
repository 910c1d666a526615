using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using Erp.Kernel.Security;
using Erp.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;

namespace Erp.Platform.Tests;

/// <summary>What one instance changes reaches the other within a second: grants, revoked tokens, cache entries.</summary>
public sealed class SharedStateTests(TwoInstances instances) : IClassFixture<TwoInstances>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task GrantRevokedThroughOneInstance_IsRefusedThroughTheOther_WithinASecond()
    {
        var (userId, userName) = await CreateUserAsync();
        await Grants(userId, grant: "Identity.Users");
        using var userOnB = await instances.B.CreateSignedInClientAsync(userName, Password);
        (await userOnB.GetAsync("/api/identity/users", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK); // B caches the set

        await Grants(userId, revoke: "Identity.Users");

        var (status, elapsed) = await Eventually.StatusAsync(() => userOnB.GetAsync("/api/identity/users", Ct), HttpStatusCode.Forbidden, Second);
        status.ShouldBe(HttpStatusCode.Forbidden, $"still {status} on B {elapsed.TotalMilliseconds:F0} ms after the revoke on A");
    }

    [Fact]
    public async Task GrantGivenThroughOneInstance_WorksThroughTheOther_WithinASecond()
    {
        var (userId, userName) = await CreateUserAsync();
        using var userOnB = await instances.B.CreateSignedInClientAsync(userName, Password);
        (await userOnB.GetAsync("/api/identity/users", Ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden); // B caches the empty set

        await Grants(userId, grant: "Identity.Users");

        var (status, _) = await Eventually.StatusAsync(() => userOnB.GetAsync("/api/identity/users", Ct), HttpStatusCode.OK, Second);
        status.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task ARequest_ReadsItsCallersGrantsOnce_AndAgainOnceItChangesThem()
    {
        var (userId, _) = await CreateUserAsync();
        var caller = new ClaimsPrincipal(new ClaimsIdentity([new Claim("sub", userId.ToString())], "test"));
        var request = new DefaultHttpContext { User = caller };
        (await GrantedAsync(new DefaultHttpContext { User = caller })).ShouldNotContain("Identity.Users"); // cached on A
        (await GrantedAsync(request)).ShouldNotContain("Identity.Users");

        await Grants(userId, grant: "Identity.Users");

        (await GrantedAsync(request)).ShouldNotContain("Identity.Users"); // the set this request read
        (await GrantedAsync(new DefaultHttpContext { User = caller })).ShouldContain("Identity.Users");
        // A request that changes the permissions that exist (a low-code publish) reads its caller's set again.
        await InRequest(request, () => instances.A.Services.GetRequiredService<IPermissionCatalog>().ChangedAsync(Ct));
        (await GrantedAsync(request)).ShouldContain("Identity.Users");
    }

    [Fact]
    public async Task TokenRevokedThroughOneInstance_IsRefusedThroughTheOther()
    {
        var tokens = await new OidcFlow(instances.A.CreateBrowser()).SignInAsync(ErpHost.Admin, ErpHost.AdminPassword);
        using var onB = instances.B.CreateApiClient(tokens.AccessToken);
        (await onB.GetAsync("/api/app-config", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        using var browserOnA = instances.A.CreateBrowser();
        (await browserOnA.PostAsync("/connect/revoke", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["token"] = tokens.AccessToken,
            ["client_id"] = OidcFlow.ClientId,
        }), Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var (status, _) = await Eventually.StatusAsync(() => onB.GetAsync("/api/app-config", Ct), HttpStatusCode.Unauthorized, Second);
        status.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task UserLockedThroughOneInstance_IsRefusedThroughTheOther_WithinASecond()
    {
        var (userId, userName) = await CreateUserAsync();
        using var userOnB = await instances.B.CreateSignedInClientAsync(userName, Password);
        (await userOnB.GetAsync("/api/app-config", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK); // B remembers the token as valid

        (await instances.AdminOnA.PostAsJsonAsync($"/api/identity/users/{userId}/lock", new { }, Ct)).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        var (status, elapsed) = await Eventually.StatusAsync(() => userOnB.GetAsync("/api/app-config", Ct), HttpStatusCode.Unauthorized, Second);
        status.ShouldBe(HttpStatusCode.Unauthorized, $"still {status} on B {elapsed.TotalMilliseconds:F0} ms after the lock on A");
    }

    [Fact]
    public async Task CacheEntryRemovedOnOneInstance_IsGoneOnTheOther_WithinASecond()
    {
        var cacheOnA = instances.A.Services.GetRequiredService<HybridCache>();
        var cacheOnB = instances.B.Services.GetRequiredService<HybridCache>();
        var key = "test:" + Guid.NewGuid().ToString("N");
        (await cacheOnB.GetOrCreateAsync(key, _ => ValueTask.FromResult("first"), cancellationToken: Ct)).ShouldBe("first");
        (await cacheOnA.GetOrCreateAsync(key, _ => ValueTask.FromResult("not called: Redis has it"), cancellationToken: Ct)).ShouldBe("first");

        await cacheOnA.RemoveAsync(key, Ct);

        var (value, elapsed) = await Eventually.ValueAsync(
            () => cacheOnB.GetOrCreateAsync(key, _ => ValueTask.FromResult("second"), cancellationToken: Ct).AsTask(), v => v == "second", Second);
        value.ShouldBe("second", $"B still served the removed entry after {elapsed.TotalMilliseconds:F0} ms");
    }

    [Fact]
    public async Task EntriesRemovedByTagOnOneInstance_AreGoneOnTheOther_WithinASecond()
    {
        var cacheOnA = instances.A.Services.GetRequiredService<HybridCache>();
        var cacheOnB = instances.B.Services.GetRequiredService<HybridCache>();
        var tag = "tag-" + Guid.NewGuid().ToString("N");
        var key = "test:" + Guid.NewGuid().ToString("N");
        (await cacheOnB.GetOrCreateAsync(key, _ => ValueTask.FromResult(1), tags: [tag], cancellationToken: Ct)).ShouldBe(1);

        await cacheOnA.RemoveByTagAsync(tag, Ct);

        var (value, elapsed) = await Eventually.ValueAsync(
            () => cacheOnB.GetOrCreateAsync(key, _ => ValueTask.FromResult(2), tags: [tag], cancellationToken: Ct).AsTask(), v => v == 2, Second);
        value.ShouldBe(2, $"B still served the entry of the removed tag after {elapsed.TotalMilliseconds:F0} ms");
    }

    private const string Password = "Correct-Horse-42";

    private async Task<(Guid Id, string UserName)> CreateUserAsync()
    {
        var userName = "user" + Guid.NewGuid().ToString("N")[..10];
        return (await instances.A.CreateUserAsync(instances.AdminOnA, userName, Password), userName);
    }

    private async Task<IReadOnlySet<string>> GrantedAsync(HttpContext request)
    {
        IReadOnlySet<string> granted = new HashSet<string>();
        await InRequest(request, async () => granted = await instances.A.Services.GetRequiredService<IPermissionChecker>().GetGrantedAsync(request.User, Ct));
        return granted;
    }

    /// <summary>Runs <paramref name="work"/> on instance A as code serving <paramref name="request"/> does.</summary>
    private async Task InRequest(HttpContext request, Func<Task> work)
    {
        var accessor = instances.A.Services.GetRequiredService<IHttpContextAccessor>();
        accessor.HttpContext = request;
        try
        {
            await work();
        }
        finally
        {
            accessor.HttpContext = null;
        }
    }

    private async Task Grants(Guid userId, string? grant = null, string? revoke = null)
    {
        var response = await instances.AdminOnA.PutAsJsonAsync("/api/permissions/grants", new
        {
            kind = "User",
            key = userId.ToString(),
            grant = grant is null ? null : new[] { grant },
            revoke = revoke is null ? null : new[] { revoke },
        }, Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.NoContent, await response.DescribeAsync());
    }
}
