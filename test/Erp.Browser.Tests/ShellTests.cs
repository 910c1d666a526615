using System.Text.RegularExpressions;
using Erp.Testing;
using Microsoft.Playwright;
using Shouldly;

namespace Erp.Browser.Tests;

/// <summary>Signing in through the host's pages, the shell the user's configuration draws, and signing out.</summary>
public sealed partial class ShellTests(SpaHost spa) : IClassFixture<SpaHost>
{
    [Fact]
    public async Task AnAdministrator_SignsIn_ChangesASetting_FindsItInTheAuditLog_ReadsTheMenuInGerman_AndSignsOut()
    {
        await using var context = await spa.Browser.NewContextAsync(new() { Locale = "en-US", ViewportSize = new() { Width = 1280, Height = 800 } });
        var page = await context.NewPageAsync();
        var refused = new List<string>();
        // Script errors and policy violations; a refused request (the 400 below, on purpose) the browser logs as well.
        page.Console += (_, message) => { if (message.Type == "error" && !message.Text.StartsWith("Failed to load resource", StringComparison.Ordinal)) refused.Add(message.Text); };

        // Unsigned, the SPA sends the browser to the host's sign-in page, which sends it back where it was.
        await spa.SignInAsync(page, ErpHost.Admin, ErpHost.AdminPassword);

        await Assertions.Expect(page.GetByTestId("user-name")).ToHaveTextAsync(ErpHost.Admin);
        var menu = page.GetByRole(AriaRole.Navigation, new() { Name = "Menu" });
        await Assertions.Expect(menu.GetByRole(AriaRole.Link, new() { Name = "Users" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Welcome, admin" })).ToBeVisibleAsync();
        await SpaHost.CaptureAsync(page, "home");

        // Settings are drawn from the modules' definitions: a value out of range is refused beside its field, a good one saved.
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Menu" }).GetByRole(AriaRole.Link, new() { Name = "Settings" }).ClickAsync();
        var panel = page.GetByRole(AriaRole.Region, new() { Name = "Audit log" });
        var days = panel.GetByLabel("Keep records for (days)");
        await days.FillAsync("10");
        await panel.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(panel.Locator(".field-error")).ToHaveCountAsync(1);
        await days.FillAsync("400");
        await panel.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(panel.GetByRole(AriaRole.Status)).ToHaveTextAsync("Saved.");
        await Assertions.Expect(days).ToHaveValueAsync("400");
        await Assertions.Expect(panel.GetByText("Set here")).ToBeVisibleAsync();
        await SpaHost.CaptureAsync(page, "settings");

        // The change is in the audit log, with its old and new value.
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Menu" }).GetByRole(AriaRole.Link, new() { Name = "Audit log" }).ClickAsync();
        await page.GetByLabel("Entity type").FillAsync("Erp.Settings.Domain.SettingValue");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        var changes = page.GetByRole(AriaRole.Region, new() { Name = "Changes" });
        await Assertions.Expect(changes.GetByRole(AriaRole.Row)).ToHaveCountAsync(2); // the header and the one change
        await changes.GetByRole(AriaRole.Button, new() { Name = "Show the changed values" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Table, new() { Name = "Changed values" })).ToContainTextAsync("400");
        await SpaHost.CaptureAsync(page, "audit-log");
        await page.GotoAsync($"{spa.Origin}/");

        // The menu's labels are the host's translations, the shell's the SPA's: both follow the chosen language.
        await page.GetByRole(AriaRole.Combobox, new() { Name = "Language" }).SelectOptionAsync(new SelectOptionValue { Label = "Deutsch" });
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Willkommen, admin" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Abmelden" })).ToBeVisibleAsync();

        // A reload stays signed in, and an address with no page says so inside the shell.
        await page.GotoAsync($"{spa.Origin}/no/such/page");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Seite nicht gefunden" })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Abmelden" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/connect/endsession"));
        await page.ClickAsync("button[type=submit]");
        await page.GotoAsync($"{spa.Origin}/");
        await page.WaitForURLAsync(SignInPage());

        refused.ShouldBeEmpty("no script error and no Content Security Policy violation on the way");
    }

    private static Regex SignInPage() => SignInAddress();

    [GeneratedRegex("/account/sign-in")]
    private static partial Regex SignInAddress();
}
