using Erp.Identity.Tests;
using Erp.Testing;
using Microsoft.Playwright;
using Shouldly;

namespace Erp.Browser.Tests;

/// <summary>
/// Companies and teams made in the SPA, the header's company switcher, and every page of the platform modules opening
/// cleanly at desktop and phone widths.
/// </summary>
public sealed class ProfileAndCompanyTests(SpaHost spa) : IClassFixture<SpaHost>
{
    [Fact]
    public async Task AnAdministrator_CreatesACompanyAndATeam_AndTheSwitcherShowsEachCompanysTeams()
    {
        var company = "Nord " + Guid.NewGuid().ToString("N")[..6];
        var team = "Sales " + Guid.NewGuid().ToString("N")[..6];
        var (context, page, errors) = await SignedInAdminAsync();
        await using var _ = context;
        var menu = page.GetByRole(AriaRole.Navigation, new() { Name = "Menu" });
        var switcher = page.GetByRole(AriaRole.Combobox, new() { Name = "Company" });
        await Assertions.Expect(switcher).ToHaveCountAsync(0); // one company so far

        await menu.GetByRole(AriaRole.Link, new() { Name = "Companies" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "New company" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Name", new() { Exact = true }).FillAsync(company);
        await dialog.GetByLabel("Legal name").FillAsync(company + " GmbH");
        await dialog.GetByLabel("Base currency").FillAsync("12");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(dialog.Locator(".field-error")).Not.ToHaveCountAsync(0); // refused beside its field
        await dialog.GetByLabel("Base currency").FillAsync("EUR");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(dialog).ToBeHiddenAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = company })).ToHaveCountAsync(1);
        await page.ScreenshotAsync(new() { Path = Path.Combine(SpaHost.Screenshots, "companies-desktop.png"), FullPage = true });

        // A team of the company the administrator works in now.
        await menu.GetByRole(AriaRole.Link, new() { Name = "Teams" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "New team" }).ClickAsync();
        await dialog.GetByLabel("Name").FillAsync(team);
        await dialog.GetByLabel("Description").FillAsync("Field sales");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(dialog).ToBeHiddenAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = team })).ToHaveCountAsync(1);
        await page.ScreenshotAsync(new() { Path = Path.Combine(SpaHost.Screenshots, "teams-desktop.png"), FullPage = true });

        // The new company is offered in the header; in it, the page reads that company's teams, which are none yet.
        await switcher.SelectOptionAsync(new SelectOptionValue { Label = company });
        await Assertions.Expect(page.GetByText($"The teams of {company}.")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("No teams yet.")).ToBeVisibleAsync();
        (await page.EvaluateAsync<string?>("localStorage.getItem('erp.company')")).ShouldNotBeNullOrEmpty();

        // Made the default, it stays the company after the choice in this browser is gone.
        await page.GetByRole(AriaRole.Button, new() { Name = $"Make {company} your default company" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = $"Make {company} your default company" })).ToHaveCountAsync(0);
        await page.EvaluateAsync("localStorage.removeItem('erp.company')");
        await page.ReloadAsync();
        await Assertions.Expect(page.GetByText($"The teams of {company}.")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(SpaHost.Screenshots, "company-switcher-desktop.png") });
        await page.SetViewportSizeAsync(390, 844);
        await page.ScreenshotAsync(new() { Path = Path.Combine(SpaHost.Screenshots, "teams-phone.png"), FullPage = true });

        errors.ShouldBeEmpty("no script error on the way");
    }

    [Theory]
    [InlineData("/profile", "Your profile", "profile")]
    [InlineData("/admin/companies", "Companies", "companies")]
    [InlineData("/admin/teams", "Teams", "teams")]
    [InlineData("/admin/deliveries", "Event deliveries", "deliveries")]
    [InlineData("/admin/email", "Email", "email")]
    [InlineData("/admin/permissions", "Permissions", "permissions")]
    [InlineData("/admin/low-code/webhooks", "Webhooks", "webhooks")]
    public async Task APage_Opens_WithoutAScriptError(string path, string heading, string screenshot)
    {
        var (context, page, errors) = await SignedInAdminAsync();
        await using var _ = context;
        await page.GotoAsync(spa.Origin + path);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = heading, Level = 1 })).ToBeVisibleAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle); // what the page reads has arrived and is drawn
        await SpaHost.CaptureAsync(page, $"{screenshot}-page");
        (await page.Locator("p-message .p-message-error").CountAsync()).ShouldBe(0, "the page read what it shows");
        errors.ShouldBeEmpty("no script error and no Content Security Policy violation");
    }

    [Fact]
    public async Task ThePermissionsPage_ShowsARolesPermissionTree()
    {
        var (context, page, errors) = await SignedInAdminAsync();
        await using var _ = context;
        await page.GotoAsync(spa.Origin + "/admin/permissions");
        await page.GetByRole(AriaRole.Combobox, new() { Name = "Role" }).ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "admin" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Region, new() { Name = "Permissions of admin" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Treeitem, new() { Name = "See companies", Exact = true })).ToBeVisibleAsync();
        errors.ShouldBeEmpty();
    }

    private async Task<(IBrowserContext Context, IPage Page, List<string> Errors)> SignedInAdminAsync()
    {
        var context = await spa.Browser.NewContextAsync(new() { Locale = "en-US", ViewportSize = new() { Width = 1280, Height = 800 } });
        var page = await context.NewPageAsync();
        var errors = ScriptErrors(page);
        await spa.SignInAsync(page, ErpHost.Admin, ErpHost.AdminPassword);
        return (context, page, errors);
    }

    /// <summary>Script errors and policy violations the page logs; a refused request (a 400 on purpose) the browser logs as well.</summary>
    internal static List<string> ScriptErrors(IPage page)
    {
        var errors = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error" && !message.Text.StartsWith("Failed to load resource", StringComparison.Ordinal)) errors.Add(message.Text); };
        page.PageError += (_, error) => errors.Add(error);
        return errors;
    }
}

/// <summary>
/// Two-step sign-in set up on the profile page. A class of its own: it turns the second step on for the administrator,
/// whom the other tests sign in without it.
/// </summary>
public sealed class ProfileAndCompanyTwoStepTests(SpaHost spa) : IClassFixture<SpaHost>
{
    [Fact]
    public async Task TheProfilePage_TurnsOnTwoStepSignIn_WithTheAppsCode_AndShowsTheRecoveryCodesOnce()
    {
        await using var context = await spa.Browser.NewContextAsync(new() { Locale = "en-US", ViewportSize = new() { Width = 1280, Height = 800 } });
        var page = await context.NewPageAsync();
        var errors = ProfileAndCompanyTests.ScriptErrors(page);
        await spa.SignInAsync(page, ErpHost.Admin, ErpHost.AdminPassword);

        await page.GetByRole(AriaRole.Link, new() { Name = "Your profile" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Change your password" }))
            .ToHaveAttributeAsync("href", "/account/change-password?returnUrl=%2Fprofile");
        await page.GetByRole(AriaRole.Button, new() { Name = "Set up" }).ClickAsync();

        // The QR code is drawn as a picture (the page's policy allows data: images), and the key is there to type.
        var qrCode = page.GetByRole(AriaRole.Img, new() { Name = "QR code for your authenticator app" });
        await Assertions.Expect(qrCode).ToBeVisibleAsync();
        (await qrCode.EvaluateAsync<int>("image => image.naturalWidth")).ShouldBeGreaterThan(0);
        var sharedKey = (await page.GetByTestId("shared-key").TextContentAsync())!.Replace(" ", "", StringComparison.Ordinal).Trim();
        await page.ScreenshotAsync(new() { Path = Path.Combine(SpaHost.Screenshots, "profile-two-step-setup-desktop.png"), FullPage = true });

        await page.GetByLabel("Code from the app").FillAsync("000000");
        await page.GetByRole(AriaRole.Button, new() { Name = "Turn on" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert).Or(page.Locator(".p-message-error")).First).ToBeVisibleAsync();
        await page.GetByLabel("Code from the app").FillAsync(Totp.Code(sharedKey, DateTimeOffset.UtcNow));
        await page.GetByRole(AriaRole.Button, new() { Name = "Turn on" }).ClickAsync();

        var codes = page.GetByTestId("recovery-codes").GetByRole(AriaRole.Listitem);
        await Assertions.Expect(codes).ToHaveCountAsync(10);
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Copy" })).ToBeVisibleAsync();
        await SpaHost.CaptureAsync(page, "profile-recovery-codes");

        await page.GetByRole(AriaRole.Button, new() { Name = "Done" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("recovery-codes")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByText("10 recovery codes left.")).ToBeVisibleAsync();
        await page.ReloadAsync();
        await Assertions.Expect(page.GetByText("10 recovery codes left.")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("shared-key")).ToHaveCountAsync(0); // the key is shown during set-up only

        errors.ShouldBeEmpty("no script error and no Content Security Policy violation");
    }
}
