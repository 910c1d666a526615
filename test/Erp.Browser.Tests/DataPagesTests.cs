using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Erp.Testing;
using Microsoft.Playwright;
using Shouldly;

namespace Erp.Browser.Tests;

/// <summary>
/// The generic pages of low-code entities, rendered from their metadata alone: the menu entry an entity publishes, a list,
/// a form that refuses a bad value beside its field, a reference chosen by typing, lines, a workflow transition and its
/// history, a file, CSV export and import with progress.
/// </summary>
public sealed partial class DataPagesTests(SpaHost spa) : IClassFixture<SpaHost>
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    [Fact]
    public async Task AUser_WorksWithRecords_ThroughTheFormsAndListsTheMetadataDescribes()
    {
        await DefineSalesEntitiesAsync();
        await using var context = await spa.Browser.NewContextAsync(new() { Locale = "en-US", ViewportSize = new() { Width = 1280, Height = 800 } });
        var page = await context.NewPageAsync();
        await spa.SignInAsync(page, ErpHost.Admin, ErpHost.AdminPassword);

        // The entity's menu entry opens its list; a customer's form refuses a missing name beside the field.
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Menu" }).GetByRole(AriaRole.Link, new() { Name = "Customers" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Customers" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("No records match.")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "New", Exact = true }).ClickAsync();
        await page.GetByLabel("Credit limit").FillAsync("1500");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(page.Locator(".field:has(#field-name) .field-error")).ToBeVisibleAsync();
        page.Url.ShouldEndWith("/data/customer/new", customMessage: "nothing was created");
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Name", Exact = true }).FillAsync("Ada Lovelace");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await page.WaitForURLAsync(RecordUrl());
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Ada Lovelace" })).ToBeVisibleAsync();

        // An order: its customer found by typing part of the name, two lines, saved; the list names the customer.
        await page.GotoAsync($"{spa.Origin}/data/sales_order/new");
        await page.GetByLabel("Number").FillAsync("SO-1");
        await page.GetByRole(AriaRole.Combobox, new() { Name = "Customer", Exact = true }).FillAsync("love");
        await page.GetByRole(AriaRole.Option, new() { Name = "Ada Lovelace" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Add line" }).ClickAsync();
        await page.GetByLabel("Product 1").FillAsync("Widget");
        await page.GetByLabel("Quantity 1").FillAsync("3");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add line" }).ClickAsync();
        await page.GetByLabel("Product 2").FillAsync("Gadget");
        await page.GetByLabel("Quantity 2").FillAsync("1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await page.WaitForURLAsync(RecordUrl());
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "SO-1" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Combobox, new() { Name = "Customer", Exact = true })).ToHaveValueAsync("Ada Lovelace");
        await Assertions.Expect(page.GetByLabel("Product 2")).ToHaveValueAsync("Gadget");

        // A file attached, then the transition: the order is confirmed, read-only, and its history says by which step.
        await page.GetByLabel("Attach a file").SetInputFilesAsync(new FilePayload { Name = "terms.txt", MimeType = "text/plain", Buffer = "Net 30"u8.ToArray() });
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "terms.txt", Exact = true })).ToBeVisibleAsync();
        await page.GetByLabel("Comment (kept in the history)").FillAsync("Customer signed");
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm" }).ClickAsync();
        await Assertions.Expect(page.GetByText("This record is in a state that cannot be changed")).ToBeVisibleAsync();
        var history = page.Locator("ol.history li");
        await Assertions.Expect(history).ToHaveCountAsync(2);
        await Assertions.Expect(history.Nth(1)).ToContainTextAsync("Confirmed");
        await Assertions.Expect(history.Nth(1)).ToContainTextAsync("Customer signed");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Save" })).ToHaveCountAsync(0);
        await SpaHost.CaptureAsync(page, "record-form");

        await page.GotoAsync($"{spa.Origin}/data/sales_order");
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "SO-1" });
        await Assertions.Expect(row).ToContainTextAsync("Ada Lovelace");
        await Assertions.Expect(row).ToContainTextAsync("confirmed");

        // Import two customers from CSV (the dialog reports what it did), then find them with a condition and export them.
        await page.GotoAsync($"{spa.Origin}/data/customer");
        await page.GetByRole(AriaRole.Button, new() { Name = "Import" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("File (CSV or Excel)").SetInputFilesAsync(new FilePayload
        {
            Name = "customers.csv", MimeType = "text/csv", Buffer = "name,tier,credit\nGrace Hopper,gold,900\nAlan Turing,silver,300\n"u8.ToArray(),
        });
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Import" }).ClickAsync();
        await Assertions.Expect(dialog.GetByText("Imported. Created: 2, updated: 0, refused: 0.")).ToBeVisibleAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Close" }).First.ClickAsync();
        await Assertions.Expect(page.GetByText("Records: 3")).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Add condition" }).ClickAsync();
        await page.GetByLabel("Field", new() { Exact = true }).SelectOptionAsync("tier");
        await page.GetByLabel("Operator", new() { Exact = true }).SelectOptionAsync("eq");
        await page.GetByLabel("Value", new() { Exact = true }).FillAsync("gold");
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Records: 1")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Alan Turing" })).ToHaveCountAsync(0);
        await SpaHost.CaptureAsync(page, "record-list");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Export CSV" }).ClickAsync());
        download.SuggestedFilename.ShouldBe("customer.csv");
        var csv = await File.ReadAllTextAsync(await download.PathAsync(), Ct);
        csv.ShouldContain("Grace Hopper");
        csv.ShouldNotContain("Ada Lovelace", customMessage: "no tier: the condition leaves her out");
        csv.ShouldNotContain("Alan Turing");
    }

    [Fact]
    public async Task AnAdministrator_DefinesAnEntityInTheDesigner_AndCreatesARecordThroughItsGeneratedForm()
    {
        await using var context = await spa.Browser.NewContextAsync(new() { Locale = "en-US", ViewportSize = new() { Width = 1280, Height = 800 } });
        var page = await context.NewPageAsync();
        await spa.SignInAsync(page, ErpHost.Admin, ErpHost.AdminPassword);

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Menu" }).GetByRole(AriaRole.Link, new() { Name = "Entities" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "New entity" }).ClickAsync();
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("ticket");
        await page.GetByLabel("Label", new() { Exact = true }).FillAsync("Ticket");
        await page.GetByLabel("Plural label").FillAsync("Tickets");
        await page.GetByLabel("Menu entry").FillAsync("Support/Tickets");

        await page.GetByRole(AriaRole.Tab, new() { Name = "Fields" }).ClickAsync();
        // Each field's group is named by its label.
        await page.GetByRole(AriaRole.Group, new() { Name = "Field 1" }).GetByLabel("Label", new() { Exact = true }).FillAsync("Title");
        var first = page.GetByRole(AriaRole.Group, new() { Name = "Title" });
        await first.GetByLabel("Name", new() { Exact = true }).FillAsync("title");
        await first.GetByLabel("Required").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Add field" }).ClickAsync();
        await page.GetByRole(AriaRole.Group, new() { Name = "Field 2" }).GetByLabel("Label", new() { Exact = true }).FillAsync("Priority");
        var second = page.GetByRole(AriaRole.Group, new() { Name = "Priority" });
        await second.GetByLabel("Name", new() { Exact = true }).FillAsync("priority");
        await second.GetByLabel("Type").SelectOptionAsync("Choice");
        await second.GetByLabel("Choices, separated by commas").FillAsync("low, high");

        // A bad name is refused beside its field, and nothing is created; the preview shows the DDL; applying creates the table.
        await first.GetByLabel("Name", new() { Exact = true }).FillAsync("Title!");
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview changes" }).ClickAsync();
        await Assertions.Expect(first.Locator(".field-error")).ToBeVisibleAsync();
        await first.GetByLabel("Name", new() { Exact = true }).FillAsync("title");
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview changes" }).ClickAsync();
        await Assertions.Expect(page.Locator(".plan pre")).ToContainTextAsync("CREATE TABLE");
        await SpaHost.CaptureAsync(page, "designer");
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
        await page.WaitForURLAsync($"{spa.Origin}/admin/low-code/entities/ticket");
        await Assertions.Expect(page.GetByText("Applied: the table")).ToBeVisibleAsync(); // still said at the entity's own address

        // Its menu entry is there at once; its generated form creates a record.
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Menu" }).GetByRole(AriaRole.Link, new() { Name = "Tickets" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Tickets" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "New", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Title", Exact = true }).FillAsync("Printer jams");
        await page.GetByRole(AriaRole.Combobox, new() { Name = "Priority" }).ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "high" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await page.WaitForURLAsync(RecordUrl());
        await Assertions.Expect(page.GetByRole(AriaRole.Textbox, new() { Name = "Title", Exact = true })).ToHaveValueAsync("Printer jams");
        (await PostgresServer.ScalarAsync<string>(spa.Database, "SELECT priority FROM data.ticket")).ShouldBe("high");
    }

    [GeneratedRegex(@"/data/\w+/[0-9a-f-]{36}$")]
    private static partial Regex RecordUrl();

    // A customer (in the menu under Sales), and an order referring to one, with lines and a workflow whose confirmed
    // state is read-only.
    private async Task DefineSalesEntitiesAsync()
    {
        using var admin = await spa.CreateApiClientAsync();
        (await admin.PutAsJsonAsync("/api/low-code/entities/customer", new
        {
            label = "Customer", pluralLabel = "Customers", displayField = "name",
            fields = new object[]
            {
                new { id = (Guid?)null, name = "name", label = "Name", type = "Text", required = true, maxLength = 120, searchable = true },
                new { id = (Guid?)null, name = "tier", label = "Tier", type = "Choice", choices = new[] { "gold", "silver" } },
                new { id = (Guid?)null, name = "credit", label = "Credit limit", type = "Number" },
            },
            ui = new { menu = new { path = "Sales/Customers", order = 1 } },
        }, Ct)).EnsureSuccessStatusCode();
        (await admin.PutAsJsonAsync("/api/low-code/entities/sales_order", new
        {
            label = "Order", pluralLabel = "Orders", displayField = "number",
            fields = new object[]
            {
                new { id = (Guid?)null, name = "number", label = "Number", type = "Text", required = true, maxLength = 20 },
                new { id = (Guid?)null, name = "customer", label = "Customer", type = "Reference", references = "customer", required = true },
                new { id = (Guid?)null, name = "status", label = "Status", type = "Choice", choices = new[] { "draft", "confirmed" } },
                new
                {
                    id = (Guid?)null, name = "lines", label = "Lines", type = "Lines",
                    fields = new object[]
                    {
                        new { id = (Guid?)null, name = "product", label = "Product", type = "Text", required = true, maxLength = 100 },
                        new { id = (Guid?)null, name = "quantity", label = "Quantity", type = "Number", required = true },
                    },
                },
            },
            workflow = new
            {
                field = "status",
                states = new object[] { new { name = "draft", label = "Draft", initial = true }, new { name = "confirmed", label = "Confirmed", readOnly = true } },
                transitions = new object[] { new { name = "confirm", label = "Confirm", from = new[] { "draft" }, to = "confirmed" } },
            },
            ui = new { list = new { columns = new[] { "number", "customer", "status" } }, menu = new { path = "Sales/Orders", order = 2 } },
        }, Ct)).EnsureSuccessStatusCode();
    }
}
