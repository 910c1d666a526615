using System.Net;
using Erp.Testing;
using Shouldly;

namespace Erp.Identity.Tests;

/// <summary>Lockout after repeated failures, and rate limits per address and per user name.</summary>
public sealed class SignInProtectionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task WrongPasswordFiveTimes_LocksTheAccount_EvenAgainstTheRightPassword_AndTheSecurityLogSaysSo()
    {
        await using var host = new ErpHost(await TestDatabases.CreateMigratedAsync(), []);
        using var admin = await host.CreateSignedInClientAsync();
        var userId = await host.CreateUserAsync(admin, "lockme", "Correct-Horse-42");
        var flow = new OidcFlow(host.CreateBrowser());

        for (var attempt = 1; attempt <= 5; attempt++)
        {
            var failed = await flow.SubmitFormAsync("/account/sign-in", new() { ["userName"] = "lockme", ["password"] = "wrong-" + attempt });
            failed.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        var locked = await flow.SubmitFormAsync("/account/sign-in", new() { ["userName"] = "lockme", ["password"] = "Correct-Horse-42" });
        locked.StatusCode.ShouldBe(HttpStatusCode.OK); // the page again, not a redirect into the application
        (await locked.Content.ReadAsStringAsync(Ct)).ShouldContain("locked");

        var user = await (await admin.GetAsync($"/api/identity/users/{userId}", Ct)).ReadAsync<User>();
        user.IsLockedOut.ShouldBeTrue();
        var log = await (await admin.GetAsync($"/api/identity/users/{userId}/security-log", Ct)).ReadAsync<SecurityLogPage>();
        log.Items.Count(e => e.Action == "sign-in-failed").ShouldBe(4);
        log.Items.Count(e => e.Action == "locked-out").ShouldBe(2); // the fifth failure, then the attempt while locked
        log.Items.Where(e => e.Action != "user-created").ShouldAllBe(e => e.UserAgent == ErpHost.BrowserUserAgent);

        (await admin.PostAsync($"/api/identity/users/{userId}/unlock", null, Ct)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await flow.SubmitFormAsync("/account/sign-in", new() { ["userName"] = "lockme", ["password"] = "Correct-Horse-42" }))
            .StatusCode.ShouldBe(HttpStatusCode.OK); // no return URL: the "signed in" page
    }

    [Fact]
    public async Task WithoutThePassword_NobodyLearnsWhetherAnAccountExistsOrIsLocked()
    {
        await using var host = new ErpHost(await TestDatabases.CreateMigratedAsync(), []);
        using var admin = await host.CreateSignedInClientAsync();
        var lockedId = await host.CreateUserAsync(admin, "lockedaway", "Correct-Horse-42");
        (await admin.PostAsync($"/api/identity/users/{lockedId}/lock", null, Ct)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var flow = new OidcFlow(host.CreateBrowser());

        async Task<string> AnswerAsync(string userName, string password) =>
            System.Text.RegularExpressions.Regex.Match(await (await flow.SubmitFormAsync("/account/sign-in",
                new() { ["userName"] = userName, ["password"] = password })).Content.ReadAsStringAsync(Ct), "role=\"alert\">([^<]*)<").Groups[1].Value;

        var unknown = await AnswerAsync("nobody-here", "Some-Password-1");
        unknown.ShouldNotBeEmpty();
        (await AnswerAsync(ErpHost.Admin, "Wrong-Password-1")).ShouldBe(unknown);
        (await AnswerAsync("lockedaway", "Wrong-Password-1")).ShouldBe(unknown);
        (await AnswerAsync("lockedaway", "Correct-Horse-42")).ShouldContain("locked"); // the owner is told
    }

    [Fact]
    public async Task ABurstOfSignIns_FromOneAddress_Gets429WithRetryAfter()
    {
        await using var host = new ErpHost(await TestDatabases.CreateMigratedAsync(), [], settings: new Dictionary<string, string?>
        {
            ["RateLimiting:Authentication:PermitLimit"] = "3",
        });
        var flow = new OidcFlow(host.CreateBrowser());
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
            statuses.Add((await flow.SubmitFormAsync("/account/sign-in", new() { ["userName"] = $"someone{i}", ["password"] = "x" })).StatusCode);
        statuses.ShouldBe([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests]);

        var limited = await flow.SubmitFormAsync("/account/sign-in", new() { ["userName"] = "someone", ["password"] = "x" });
        await limited.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests, "rate-limited");
        limited.Headers.RetryAfter!.Delta!.Value.ShouldBeGreaterThan(TimeSpan.Zero);
    }

    [Fact]
    public async Task ManyAttemptsOnOneUserName_AreLimited_WhateverTheAddress()
    {
        await using var host = new ErpHost(await TestDatabases.CreateMigratedAsync(), [], settings: new Dictionary<string, string?>
        {
            ["RateLimiting:PerUserName:PermitLimit"] = "2",
        });
        var flow = new OidcFlow(host.CreateBrowser());
        for (var i = 0; i < 2; i++)
            (await flow.SubmitFormAsync("/account/sign-in", new() { ["userName"] = "target", ["password"] = "x" })).StatusCode.ShouldBe(HttpStatusCode.OK);

        var limited = await flow.SubmitFormAsync("/account/sign-in", new() { ["userName"] = "TARGET", ["password"] = "x" });
        limited.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        limited.Headers.RetryAfter.ShouldNotBeNull();
        (await flow.SubmitFormAsync("/account/sign-in", new() { ["userName"] = "other", ["password"] = "x" })).StatusCode.ShouldBe(HttpStatusCode.OK);

        // An account's user name and email share its budget: switching to the email buys no more attempts.
        for (var i = 0; i < 2; i++)
            (await flow.SubmitFormAsync("/account/sign-in", new() { ["userName"] = ErpHost.Admin, ["password"] = "x" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await flow.SubmitFormAsync("/account/sign-in", new() { ["userName"] = "admin@erp.test", ["password"] = "x" })) // ErpHost's admin address
            .StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task ASignInPost_WithoutTheAntiforgeryToken_IsRefused()
    {
        await using var host = new ErpHost(await TestDatabases.CreateMigratedAsync(), []);
        using var browser = host.CreateBrowser();
        var response = await browser.PostAsync("/account/sign-in",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["userName"] = ErpHost.Admin, ["password"] = ErpHost.AdminPassword }), Ct);
        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "bad-request");
        response.Headers.Location.ShouldBeNull();
    }
}

internal sealed record SecurityLogPage(SecurityLogEntry[] Items, int Total);
internal sealed record SecurityLogEntry(string Action, string? UserName, string? IpAddress, string? UserAgent, string? Detail, string? ClientId, string? Actor);
