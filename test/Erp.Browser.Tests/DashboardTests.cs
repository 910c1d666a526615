using System.Net;
using System.Net.Http.Json;
using Erp.Testing;
using Microsoft.Playwright;
using Shouldly;

namespace Erp.Browser.Tests;

/// <summary>The start page's dashboard for those who may read its figures, the welcome for those who may not, and changing a password from the profile.</summary>
public sealed class DashboardTests(SpaHost spa) : IClassFixture<SpaHost>
{
    [Fact]
    public async Task AnAdministrator_SeesEveryTile_AsChartsWithTheirNumbersInTables_InTheLightAndTheDarkTheme()
    {
        await using var context = await spa.Browser.NewContextAsync(new() { Locale = "en-US", ViewportSize = new() { Width = 1280, Height = 800 } });
        var page = await context.NewPageAsync();
        var errors = ProfileAndCompanyTests.ScriptErrors(page);
        await spa.SignInAsync(page, ErpHost.Admin, ErpHost.AdminPassword);

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Welcome, admin" })).ToBeVisibleAsync();
        foreach (var title in new[] { "Users", "Sign-ins", "Background jobs", "Audit activity" })
        {
            var tile = page.GetByRole(AriaRole.Region, new() { Name = title, Exact = true });
            await Assertions.Expect(tile.Locator("figcaption")).ToBeVisibleAsync();
            await Assertions.Expect(tile).ToHaveAttributeAsync("aria-busy", "false");
        }

        // The administrator exists and has signed in: both charts are drawn (by Chart.js in the chart worker, which says
        // so), and their numbers are there as tables.
        var users = page.GetByRole(AriaRole.Region, new() { Name = "Users", Exact = true });
        await Assertions.Expect(users.Locator("app-dashboard-chart[data-drawn] canvas")).ToHaveCountAsync(1);
        await Assertions.Expect(users.GetByRole(AriaRole.Row, new() { Name = "Active" })).ToHaveCountAsync(1);
        var signIns = page.GetByRole(AriaRole.Region, new() { Name = "Sign-ins", Exact = true });
        await Assertions.Expect(signIns.Locator("app-dashboard-chart[data-drawn] canvas")).ToHaveCountAsync(1);
        await Assertions.Expect(signIns.GetByRole(AriaRole.Row)).ToHaveCountAsync(15); // the header and 14 days
        await Assertions.Expect(signIns.Locator("figcaption")).ToContainTextAsync("Sign-ins in the last 14 days (UTC). Successful: ");
        await Assertions.Expect(users.Locator("figcaption")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\s*(1 user|([02-9]|\d\d+) users) in all\s*$"));
        await SpaHost.CaptureAsync(page, "dashboard");

        var usersChart = users.Locator("app-dashboard-chart");
        var drawings = await usersChart.GetAttributeAsync("data-drawn");
        await page.GetByRole(AriaRole.Button, new() { Name = "Switch to the dark theme" }).ClickAsync();
        await Assertions.Expect(page.Locator("html.erp-dark")).ToHaveCountAsync(1);
        await Assertions.Expect(usersChart).Not.ToHaveAttributeAsync("data-drawn", drawings!, new() { Timeout = 10_000 }); // drawn again, dark
        await SpaHost.CaptureAsync(page, "dashboard-dark");
        await page.GetByRole(AriaRole.Button, new() { Name = "Switch to the light theme" }).ClickAsync();

        errors.ShouldBeEmpty("no script error and no Content Security Policy violation");
    }

    [Fact]
    public async Task AUserHoldingNoneOfItsPermissions_SeesTheWelcome_AndChangesTheirPasswordFromTheProfile()
    {
        const string password = "Correct-Horse-42";
        const string newPassword = "Brand-New-Pass-7";
        var userName = "clerk" + Guid.NewGuid().ToString("N")[..6];
        var email = $"{userName}@erp.test";
        using var admin = await spa.CreateApiClientAsync();
        (await admin.PostAsJsonAsync("/api/identity/users", new { userName, email }, TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.Created);

        await using var context = await spa.Browser.NewContextAsync(new() { Locale = "en-US", ViewportSize = new() { Width = 1280, Height = 800 } });
        var page = await context.NewPageAsync();
        var errors = ProfileAndCompanyTests.ScriptErrors(page);
        await page.GotoAsync(spa.Origin + await Mailbox.NextLinkAsync(spa.Host.MailSender, email, seen: 0));
        await page.FillAsync("#password", password);
        await page.FillAsync("#confirmPassword", password);
        await page.ClickAsync("button[type=submit]");
        await spa.SignInAsync(page, userName, password);

        await Assertions.Expect(page.Locator("#main").GetByText("Nothing here is open to you yet.")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("app-dashboard")).ToHaveCountAsync(0);

        // From the profile to the host's page (the SPA never sees a password), and back.
        await page.GetByRole(AriaRole.Link, new() { Name = "Your profile" }).ClickAsync();
        // The profile's two-step section makes an authenticator key on first view, which changes the security stamp and so
        // ends the pages' session: the change-password page then goes through sign-in and back.
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Set up" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Change your password" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/account/", StringComparison.Ordinal));
        if (page.Url.Contains("/account/sign-in", StringComparison.Ordinal))
        {
            await page.FillAsync("#userName", userName);
            await page.FillAsync("#password", password);
            await page.ClickAsync("button[type=submit]");
        }

        await page.FillAsync("#currentPassword", "Wrong-Horse-42");
        await page.FillAsync("#newPassword", newPassword);
        await page.FillAsync("#confirmPassword", newPassword);
        await page.ClickAsync("button[type=submit]");
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("The current password is not right.");
        await SpaHost.CaptureAsync(page, "dashboard-change-password");
        await page.FillAsync("#currentPassword", password);
        await page.FillAsync("#newPassword", newPassword);
        await page.FillAsync("#confirmPassword", newPassword);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync($"{spa.Origin}/profile");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Change your password" })).ToBeVisibleAsync();

        await using var later = await spa.Browser.NewContextAsync(new() { Locale = "en-US" });
        var again = await later.NewPageAsync();
        await spa.SignInAsync(again, userName, newPassword);
        await Assertions.Expect(again.Locator("#main").GetByText("Nothing here is open to you yet.")).ToBeVisibleAsync();
        errors.ShouldBeEmpty("no script error and no Content Security Policy violation");
    }
}
