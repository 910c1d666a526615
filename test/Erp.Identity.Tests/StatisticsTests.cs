using System.Net;
using System.Net.Http.Json;
using Erp.Testing;
using Shouldly;

namespace Erp.Identity.Tests;

/// <summary>The dashboard's figures about users and sign-ins: counted by the database, each behind the permission its data needs.</summary>
public sealed class StatisticsTests(IdentityFixture fixture) : IClassFixture<IdentityFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    [Fact]
    public async Task UserStatistics_CountActiveLockedAndInvitedUsers()
    {
        var before = await UsersAsync();
        await fixture.SignedInUserAsync();
        var (lockedId, _, _) = await fixture.SignedInUserAsync();
        (await fixture.Admin.PostAsync($"/api/identity/users/{lockedId}/lock", null, Ct)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var invitee = "invitee" + Guid.NewGuid().ToString("N")[..8];
        (await fixture.Admin.PostAsJsonAsync("/api/identity/users", new { userName = invitee, email = $"{invitee}@erp.test" }, Ct))
            .StatusCode.ShouldBe(HttpStatusCode.Created);

        var after = await UsersAsync();
        (after.Total - before.Total, after.Active - before.Active, after.Locked - before.Locked, after.Invited - before.Invited).ShouldBe((3, 1, 1, 1));
    }

    [Fact]
    public async Task SignInStatistics_CountSuccessesAndFailuresPerDay_OverEveryDayOfTheRange()
    {
        await PostgresServer.ExecuteAsync($"""
            INSERT INTO identity.security_log (id, at, action) VALUES
                (gen_random_uuid(), '{Today.AddDays(-3):yyyy-MM-dd}T12:00:00Z', 'sign-in-failed'),
                (gen_random_uuid(), '{Today.AddDays(-3):yyyy-MM-dd}T23:59:59Z', 'signed-in'),
                (gen_random_uuid(), '{Today.AddDays(-3):yyyy-MM-dd}T13:00:00Z', 'password-reset'),
                (gen_random_uuid(), '{Today.AddDays(-20):yyyy-MM-dd}T12:00:00Z', 'signed-in')
            """, fixture.Database);
        var before = await SignInsAsync(14);
        before.Days.Select(d => d.Day).ShouldBe(Enumerable.Range(0, 14).Select(i => Today.AddDays(i - 13)));
        before.Days.Single(d => d.Day == Today.AddDays(-3)).ShouldBe(new SignInDay(Today.AddDays(-3), 1, 1));

        var (_, userName, _) = await fixture.SignedInUserAsync();
        await new OidcFlow(fixture.Host.CreateBrowser()).SubmitFormAsync("/account/sign-in", new() { ["userName"] = userName, ["password"] = "Wrong-Horse-42" });

        var after = (await SignInsAsync(14)).Days[^1];
        (after.Succeeded - before.Days[^1].Succeeded, after.Failed - before.Days[^1].Failed).ShouldBe((1, 1));
        (await SignInsAsync(1)).Days.ShouldHaveSingleItem().Day.ShouldBe(Today);
    }

    [Fact]
    public async Task Statistics_NeedTheirOwnPermissions_AndABoundedRange()
    {
        var (userId, _, user) = await fixture.SignedInUserAsync();
        await (await user.GetAsync("/api/identity/statistics/users", Ct)).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        await (await user.GetAsync("/api/identity/statistics/sign-ins", Ct)).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "forbidden");

        (await fixture.Admin.PutAsJsonAsync("/api/permissions/grants", new { kind = "User", key = userId.ToString(), grant = new[] { "Identity.Users" } }, Ct))
            .StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await user.GetAsync("/api/identity/statistics/users", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        await (await user.GetAsync("/api/identity/statistics/sign-ins", Ct)).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "forbidden");

        foreach (var days in new[] { "0", "93", "many" })
            (await fixture.Admin.GetAsync($"/api/identity/statistics/sign-ins?days={days}", Ct)).StatusCode.ShouldBe(HttpStatusCode.BadRequest, days);
    }

    private async Task<UserStatistics> UsersAsync() => await (await fixture.Admin.GetAsync("/api/identity/statistics/users", Ct)).ReadAsync<UserStatistics>();

    private async Task<SignInStatistics> SignInsAsync(int days) =>
        await (await fixture.Admin.GetAsync($"/api/identity/statistics/sign-ins?days={days}", Ct)).ReadAsync<SignInStatistics>();
}

internal sealed record UserStatistics(int Total, int Active, int Locked, int Invited);
internal sealed record SignInStatistics(SignInDay[] Days);
internal sealed record SignInDay(DateOnly Day, int Succeeded, int Failed);
