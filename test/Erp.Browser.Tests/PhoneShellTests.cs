using Erp.Testing;
using Microsoft.Playwright;
using Shouldly;

namespace Erp.Browser.Tests;

/// <summary>The shell on a phone: the menu folds behind its button, is made when first opened, and closes on the way to a page.</summary>
public sealed class PhoneShellTests(SpaHost spa) : IClassFixture<SpaHost>
{
    [Fact]
    public async Task OnAPhone_TheMenuOpensFromItsButton_LeadsToAPage_AndClosesBehindIt()
    {
        await using var context = await spa.Browser.NewContextAsync(new() { Locale = "en-US", ViewportSize = new() { Width = 390, Height = 844 } });
        var page = await context.NewPageAsync();
        var errors = ProfileAndCompanyTests.ScriptErrors(page);
        await spa.SignInAsync(page, ErpHost.Admin, ErpHost.AdminPassword);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Welcome, admin" })).ToBeVisibleAsync();

        // Folded: the page's first load makes none of its links (hidden ones included: a CSS locator sees those).
        var menu = page.GetByRole(AriaRole.Navigation, new() { Name = "Menu" });
        await Assertions.Expect(page.Locator("nav a")).ToHaveCountAsync(0);
        var toggle = page.GetByRole(AriaRole.Button, new() { Name = "Menu" });
        await Assertions.Expect(toggle).ToHaveAttributeAsync("aria-expanded", "false");

        await toggle.ClickAsync();
        await Assertions.Expect(toggle).ToHaveAttributeAsync("aria-expanded", "true");
        await menu.GetByRole(AriaRole.Link, new() { Name = "Users" }).ClickAsync();

        await page.WaitForURLAsync($"{spa.Origin}/admin/users");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Users", Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(toggle).ToHaveAttributeAsync("aria-expanded", "false");
        await Assertions.Expect(menu).ToBeHiddenAsync();

        // Wider again (a tablet turned, a window resized): the menu stands beside the page.
        await page.SetViewportSizeAsync(1280, 800);
        await Assertions.Expect(menu.GetByRole(AriaRole.Link, new() { Name = "Users" })).ToBeVisibleAsync();
        errors.ShouldBeEmpty("no script error and no Content Security Policy violation");
    }
}
