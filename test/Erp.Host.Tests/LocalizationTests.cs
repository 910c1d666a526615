using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Erp.Kernel.Localization;
using Erp.Kernel.Modularity;
using Erp.Testing;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;

namespace Erp.Host.Tests;

/// <summary>
/// Problems and validation messages read in the user's own language, else the browser's, else English; the codes
/// clients branch on never change with the language.
/// </summary>
public sealed class LocalizationTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private string MissingCurrency { get; } = $"/api/sample/currencies/{Guid.NewGuid()}";

    [Theory]
    [InlineData(null, "en", "The resource was not found", "There is no currency")]
    [InlineData("de", "de", "Die Ressource wurde nicht gefunden", "Es gibt keine Währung")]
    [InlineData("de-AT,de;q=0.9,en;q=0.8", "de-AT", "Die Ressource wurde nicht gefunden", "Es gibt keine Währung")]
    [InlineData("fr-FR,fr;q=0.9,de;q=0.5", "de", "Die Ressource wurde nicht gefunden", "Es gibt keine Währung")] // French is not shipped
    [InlineData("ar-SA", "ar-SA", "لم يُعثر على المورد", "لا توجد عملة")]
    [InlineData("xx-ZZ, *", "en", "The resource was not found", "There is no currency")]
    public async Task AProblem_ReadsInTheBrowsersLanguage_WithTheSameCode(string? acceptLanguage, string contentLanguage, string title, string detail)
    {
        var response = await SendAsync(fixture.Client, HttpMethod.Get, MissingCurrency, acceptLanguage);
        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.NotFound, "sample.currency.not-found");
        problem.GetProperty("title").GetString().ShouldBe(title);
        problem.GetProperty("detail").GetString()!.ShouldStartWith(detail);
        response.Content.Headers.ContentLanguage.ShouldBe([contentLanguage]);
    }

    [Fact]
    public async Task ValidationMessages_ReadInTheBrowsersLanguage_ForEachField()
    {
        var body = """{"code":"eu","name":"","decimalPlaces":9}""";
        var german = await (await SendAsync(fixture.Client, HttpMethod.Post, "/api/sample/currencies", "de", body))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
        german.GetProperty("title").GetString().ShouldBe("Die Anfrage ist ungültig");
        Errors(german, "Code").ShouldBe(["Ein ISO-4217-Währungscode, etwa EUR."]); // the attribute's own text key
        Errors(german, "DecimalPlaces").ShouldBe(["Das Feld DecimalPlaces muss zwischen 0 und 4 liegen."]); // the runtime's wording, retold
        Errors(german, "Name").ShouldHaveSingleItem().ShouldStartWith("Das Feld Name");

        var english = await (await SendAsync(fixture.Client, HttpMethod.Post, "/api/sample/currencies", null, body))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
        Errors(english, "Code").ShouldBe(["An ISO 4217 currency code, such as EUR."]);
        Errors(english, "DecimalPlaces").ShouldBe(["The field DecimalPlaces must be between 0 and 4."]);
    }

    [Fact]
    public async Task ASettingsValidationError_NamesTheFieldInTheReadersLanguage()
    {
        var body = """{"values":{"Sample.MaxDecimals":"zwei"}}""";
        var problem = await (await SendAsync(fixture.Client, HttpMethod.Put, "/api/settings/global/Sample", "de", body))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
        Errors(problem, "Sample.MaxDecimals").ShouldBe(["Eine ganze Zahl, etwa 42."]);
    }

    [Fact]
    public async Task AUsersOwnLanguage_WinsOverTheBrowsers_EvenForA403BeforeTheEndpoint()
    {
        var name = $"greta{Guid.NewGuid():N}"[..16];
        await fixture.Host.CreateUserAsync(fixture.Client, name, "Greta-Passwort-2026!");
        using var greta = await fixture.Host.CreateSignedInClientAsync(name, "Greta-Passwort-2026!");
        (await greta.PutAsJsonAsync("/api/settings/mine", new { values = new Dictionary<string, string?> { ["Localization.Language"] = "de" } }, Ct))
            .StatusCode.ShouldBe(HttpStatusCode.NoContent);

        // She holds no permission for currencies: the authorization layer refuses, in her language.
        var refused = await SendAsync(greta, HttpMethod.Get, "/api/sample/currencies", "en-US");
        var problem = await refused.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        problem.GetProperty("title").GetString().ShouldBe("Dafür fehlt Ihnen die Berechtigung");
        problem.GetProperty("detail").GetString()!.ShouldStartWith("Dafür ist die Berechtigung");
        refused.Content.Headers.ContentLanguage.ShouldBe(["de"]);

        // The app configuration tells the SPA her language; the administrator, who chose none, still reads English.
        var config = await greta.GetFromJsonAsync<JsonElement>("/api/app-config", Ct);
        config.GetProperty("settings").GetProperty("Localization.Language").GetString().ShouldBe("de");
        var admins = await (await SendAsync(fixture.Client, HttpMethod.Get, MissingCurrency, "en-US")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "sample.currency.not-found");
        admins.GetProperty("title").GetString().ShouldBe("The resource was not found");
    }

    [Fact]
    public async Task AMalformedLanguageTag_IsRefused_InTheReadersLanguage()
    {
        var refused = await (await SendAsync(fixture.Client, HttpMethod.Put, "/api/settings/mine", "de", """{"values":{"Localization.Language":"de_DE!"}}"""))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
        Errors(refused, "Localization.Language").ShouldBe(["Nicht im erwarteten Format."]);
    }

    [Fact]
    public void EveryNameTheBuiltInModulesAndTheSamplePluginDefine_HasAGermanAndAnArabicText()
    {
        var modules = fixture.Host.Services.GetRequiredService<ModuleCatalog>();
        var texts = fixture.Host.Services.GetRequiredService<TranslationCatalog>();
        var shipped = modules.Modules.Where(m => !m.IsPlugin || m.Id == "Erp.Sample").ToArray();
        var keys = DefinitionTexts.English(new ModuleCatalog(shipped), _ => null).Select(k => k.Key)
            .Concat(shipped.Select(m => DefinitionTexts.Module(m.Id))).Distinct().ToArray();
        keys.Length.ShouldBeGreaterThan(40);
        string[] Missing(string language) => [.. keys.Where(k => !texts.Has(k, language)).Order(StringComparer.Ordinal)];
        Missing("de").ShouldBeEmpty();
        Missing("ar").ShouldBeEmpty();
        shipped.Where(m => !m.IsPlugin).Select(m => DefinitionTexts.Module(m.Id)).Where(k => !texts.Has(k, "en")).ShouldBeEmpty();
    }

    [Fact]
    public async Task TheRoleEditorAndTheMenu_ReadInTheReadersLanguage()
    {
        var config = await (await SendAsync(fixture.Client, HttpMethod.Get, "/api/app-config", "de")).ReadAsync<JsonElement>();
        var administration = config.GetProperty("menu").EnumerateArray().Single(n => n.GetProperty("name").GetString() == "Administration");
        administration.GetProperty("label").GetString().ShouldBe("Verwaltung");
        config.GetProperty("languages").EnumerateArray().Select(l => l.GetString()).ShouldBe(["ar", "de", "en"]);

        var admin = config.GetProperty("user").GetProperty("id").GetString();
        var tree = await (await SendAsync(fixture.Client, HttpMethod.Get, $"/api/permissions/grants?kind=User&key={admin}", "de")).ReadAsync<JsonElement>();
        var companies = tree.EnumerateArray().Single(g => g.GetProperty("module").GetString() == "Erp.Companies");
        companies.GetProperty("displayName").GetString().ShouldBe("Unternehmen");
        companies.GetProperty("permissions").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "Companies.AllCompanies")
            .GetProperty("displayName").GetString().ShouldBe("In jedem Unternehmen arbeiten");
    }

    private static string[] Errors(JsonElement problem, string field) =>
        [.. problem.GetProperty("errors").GetProperty(field).EnumerateArray().Select(e => e.GetString()!)];

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string url, string? acceptLanguage, string? json = null)
    {
        using var request = new HttpRequestMessage(method, url);
        if (acceptLanguage is not null) request.Headers.TryAddWithoutValidation("Accept-Language", acceptLanguage);
        if (json is not null) request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        return await client.SendAsync(request, Ct);
    }
}
