using System.Text.RegularExpressions;
using Erp.Testing;
using Microsoft.Playwright;
using Shouldly;

namespace Erp.Browser.Tests;

/// <summary>
/// The backups page as an administrator uses it: none yet; a backup made now (a background job), then the newest
/// restored into a scratch database and compared with its manifest, the page showing its figures and the check's result.
/// </summary>
public sealed partial class BackupsPageTests(SpaHostWithBackups spa) : IClassFixture<SpaHostWithBackups>
{
    [Fact]
    public async Task AnAdministrator_BacksUpNow_ThenChecksTheNewest_AndSeesItRestoredAndMatching()
    {
        await using var context = await spa.Browser.NewContextAsync(new() { Locale = "en-US", ViewportSize = new() { Width = 1280, Height = 800 } });
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.PageError += (_, error) => errors.Add(error);
        await spa.SignInAsync(page, ErpHost.Admin, ErpHost.AdminPassword);

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Menu" }).GetByRole(AriaRole.Link, new() { Name = "Backups" }).ClickAsync();
        await page.WaitForURLAsync($"{spa.Origin}/admin/backups");
        await Assertions.Expect(page.GetByText("No complete backup yet.")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Check the newest now" })).ToBeDisabledAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Back up now" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("The backup is queued: refresh in a minute.");
        var rows = page.GetByRole(AriaRole.Table).GetByRole(AriaRole.Row);
        await RefreshUntilAsync(page, rows.Filter(new() { HasText = "Never checked" }));
        // The demo-free database: the platform's tables, a handful of rows, no blobs.
        await Assertions.Expect(rows.Nth(1)).ToContainTextAsync(Figures());

        await page.GetByRole(AriaRole.Button, new() { Name = "Check the newest now" }).ClickAsync();
        await RefreshUntilAsync(page, rows.Filter(new() { HasText = "Restored and matching" }));
        await SpaHost.CaptureAsync(page, "backups");
        errors.ShouldBeEmpty();
    }

    // A background job does the work: the page shows it after a refresh.
    private static async Task RefreshUntilAsync(IPage page, ILocator shown)
    {
        var until = DateTime.UtcNow.AddSeconds(90);
        while (await shown.CountAsync() == 0 && DateTime.UtcNow < until)
        {
            await page.WaitForTimeoutAsync(1000);
            await page.GetByRole(AriaRole.Button, new() { Name = "Refresh" }).ClickAsync();
        }

        await Assertions.Expect(shown).ToBeVisibleAsync();
    }

    [GeneratedRegex(@"took [\d.]+ s\s*[\d.]+ MiB\s*\d+\s*[\d,]+\s*0")]
    private static partial Regex Figures();
}

/// <summary>The SPA's host with backups to a folder of its own.</summary>
public sealed class SpaHostWithBackups : SpaHost
{
    private readonly string _backups = Path.Combine(Path.GetTempPath(), "erp-browser-backups-" + Guid.NewGuid().ToString("N")[..8]);

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Backups:Path"] = _backups };
}
