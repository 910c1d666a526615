using System.Text.RegularExpressions;
using Erp.Testing;
using Microsoft.Playwright;
using Shouldly;

namespace Erp.Browser.Tests;

/// <summary>
/// An administrator creates a user in the SPA; the user sets a password from the welcome mail and signs in, seeing only
/// what they may; a role the administrator makes and grants opens the users page to them.
/// </summary>
public sealed class AdministrationTests(SpaHost spa) : IClassFixture<SpaHost>
{
    [Fact]
    public async Task AnAdministrator_CreatesAUser_WhoIsNotAllowedOnTheUsersPage_UntilARoleGrantsIt()
    {
        var userName = "clerk" + Guid.NewGuid().ToString("N")[..6];
        var email = $"{userName}@erp.test";
        await using var admin = await spa.Browser.NewContextAsync(new() { Locale = "en-US", ViewportSize = new() { Width = 1280, Height = 800 } });
        var page = await admin.NewPageAsync();
        await spa.SignInAsync(page, ErpHost.Admin, ErpHost.AdminPassword);

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Menu" }).GetByRole(AriaRole.Link, new() { Name = "Users" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Users" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = ErpHost.Admin, Exact = true }).First).ToBeVisibleAsync();

        // A refused value is shown beside its field, in the dialog, and nothing is created.
        await page.GetByRole(AriaRole.Button, new() { Name = "New user" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("User name").FillAsync(userName);
        await dialog.GetByLabel("Email").FillAsync("not-an-address");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(dialog.Locator(".field-error")).Not.ToHaveCountAsync(0);
        await page.ScreenshotAsync(new() { Path = Path.Combine(SpaHost.Screenshots, "user-dialog-desktop.png") });
        await dialog.GetByLabel("Email").FillAsync(email);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(dialog).ToBeHiddenAsync();

        await page.GetByRole(AriaRole.Searchbox, new() { Name = "Search by name or email" }).FillAsync(userName);
        await Assertions.Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = email })).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = email }).GetByText("Invited")).ToBeVisibleAsync();
        await SpaHost.CaptureAsync(page, "users");

        // The new user sets their password from the welcome mail, signs in, and holds no permission.
        const string password = "Correct-Horse-42";
        await using var clerk = await spa.Browser.NewContextAsync(new() { Locale = "en-US" });
        var clerkPage = await clerk.NewPageAsync();
        await clerkPage.GotoAsync(spa.Origin + await Mailbox.NextLinkAsync(spa.Host.MailSender, email, seen: 0));
        await clerkPage.FillAsync("#password", password);
        await clerkPage.FillAsync("#confirmPassword", password);
        await clerkPage.ClickAsync("button[type=submit]");
        await Assertions.Expect(clerkPage.GetByText("Your password is changed")).ToBeVisibleAsync();
        await spa.SignInAsync(clerkPage, userName, password);
        await Assertions.Expect(clerkPage.GetByText("Nothing here is open to you yet.").First).ToBeVisibleAsync();

        await clerkPage.GotoAsync($"{spa.Origin}/admin/users");
        await Assertions.Expect(clerkPage.GetByRole(AriaRole.Heading, new() { Name = "Not allowed" })).ToBeVisibleAsync();
        (await clerkPage.GetByRole(AriaRole.Link, new() { Name = "Users" }).CountAsync()).ShouldBe(0, "no menu entry for what the user may not open");
        await clerkPage.ScreenshotAsync(new() { Path = Path.Combine(SpaHost.Screenshots, "not-allowed-desktop.png") });

        // The administrator makes a role that may see users and gives it to the clerk, who then may.
        await page.SetViewportSizeAsync(1280, 800);
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Menu" }).GetByRole(AriaRole.Link, new() { Name = "Roles" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "New role" }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByLabel("Name").FillAsync("Clerks");
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Clerks", Exact = true }).ClickAsync();
        var seeUsers = page.GetByRole(AriaRole.Treeitem, new() { Name = "See users", Exact = true });
        await seeUsers.Locator(".p-checkbox").First.ClickAsync();
        await Assertions.Expect(seeUsers).ToHaveAttributeAsync("aria-checked", "true");
        await page.GetByRole(AriaRole.Region, new() { Name = "Permissions of Clerks" }).GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Saved." })).ToBeVisibleAsync();
        await SpaHost.CaptureAsync(page, "roles");

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Menu" }).GetByRole(AriaRole.Link, new() { Name = "Users" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = $"Edit {userName}" }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).Locator("p-multiselect").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "Clerks" }).ClickAsync();
        await page.Keyboard.PressAsync("Escape");
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = email })).ToContainTextAsync("Clerks");

        await clerkPage.GotoAsync($"{spa.Origin}/admin/users");
        await Assertions.Expect(clerkPage.GetByRole(AriaRole.Heading, new() { Name = "Users" })).ToBeVisibleAsync();
        await Assertions.Expect(clerkPage.GetByRole(AriaRole.Button, new() { Name = "New user" })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task IntegrationClients_ShowTheirSecretOnce_AndTheJobAndPluginPagesOpen()
    {
        await using var admin = await spa.Browser.NewContextAsync(new() { Locale = "en-US", ViewportSize = new() { Width = 1280, Height = 800 } });
        var page = await admin.NewPageAsync();
        await spa.SignInAsync(page, ErpHost.Admin, ErpHost.AdminPassword);
        var menu = page.GetByRole(AriaRole.Navigation, new() { Name = "Menu" });

        await menu.GetByRole(AriaRole.Link, new() { Name = "Integration clients" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "New client" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Client id").FillAsync("Not Valid!");
        await dialog.GetByLabel("Name").FillAsync("Warehouse sync");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(dialog.Locator(".field-error")).Not.ToHaveCountAsync(0);
        await dialog.GetByLabel("Client id").FillAsync("warehouse-sync");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        var secret = await page.GetByTestId("client-secret").TextContentAsync();
        secret!.Trim().Length.ShouldBeGreaterThan(20);
        await page.ScreenshotAsync(new() { Path = Path.Combine(SpaHost.Screenshots, "client-secret-desktop.png") });
        await page.GetByRole(AriaRole.Button, new() { Name = "Done" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("client-secret")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "warehouse-sync" })).ToHaveCountAsync(1);
        await SpaHost.CaptureAsync(page, "clients");

        await menu.GetByRole(AriaRole.Link, new() { Name = "Background jobs" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Recurring jobs" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Region, new() { Name = "Recurring jobs" }).GetByRole(AriaRole.Button, new() { Name = "Run now" }).First).ToBeVisibleAsync();
        await SpaHost.CaptureAsync(page, "background-jobs");

        await menu.GetByRole(AriaRole.Link, new() { Name = "Plugins" }).ClickAsync();
        await Assertions.Expect(page.GetByText("No plugins are installed.")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("plugin-host")).ToContainTextAsync(new Regex(@"^\s*Host version \d+\.\d+\.\d+, plugin SDK 1; plugins are loaded at start-up from /\S+"));
        await SpaHost.CaptureAsync(page, "plugins");
    }
}
