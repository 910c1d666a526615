using System.Net;
using System.Net.Http.Json;
using Erp.Testing;
using Shouldly;

namespace Erp.Identity.Tests;

/// <summary>
/// The sign-in pages read in the browser's language. A mail reads in its reader's own language; for a reader who chose none, in the language of the request that caused
/// it (the event carries it to the handler that sends the mail), else in English.
/// </summary>
public sealed class MailLanguageTests(IdentityFixture fixture) : IClassFixture<IdentityFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AResetMail_ReadsInTheUsersOwnLanguage_EvenWhenAskedForFromAnEnglishBrowser()
    {
        var (_, userName, user) = await fixture.SignedInUserAsync();
        (await user.PutAsJsonAsync("/api/settings/mine", new { values = new Dictionary<string, string?> { ["Localization.Language"] = "de" } }, Ct))
            .StatusCode.ShouldBe(HttpStatusCode.NoContent);

        var mail = await AskForResetAsync(userName, acceptLanguage: "en-US");
        mail.Subject.ShouldBe("Ihr Erp-Passwort zurücksetzen");
        mail.TextBody.ShouldStartWith("Jemand hat verlangt, das Passwort Ihres Erp-Kontos zurückzusetzen.");
        mail.TextBody.ShouldContain("Der Link funktioniert einmal und läuft ab.");
    }

    [Theory]
    [InlineData("de-AT,de;q=0.9", "Ihr Erp-Passwort zurücksetzen")]
    [InlineData("ar", "إعادة تعيين كلمة مرور Erp")]
    [InlineData(null, "Reset your Erp password")]
    public async Task AResetMail_ForAUserWhoChoseNoLanguage_ReadsInTheLanguageOfTheBrowserThatAskedForIt(string? acceptLanguage, string subject)
    {
        var (_, userName, _) = await fixture.SignedInUserAsync();
        (await AskForResetAsync(userName, acceptLanguage)).Subject.ShouldBe(subject);
    }

    [Theory]
    [InlineData("de-DE", "lang=\"de-DE\" dir=\"ltr\"", "<h1>Anmelden</h1>", "Benutzername oder E-Mail")]
    [InlineData("ar", "lang=\"ar\" dir=\"rtl\"", "<h1>تسجيل الدخول</h1>", "اسم المستخدم أو البريد الإلكتروني")]
    [InlineData(null, "lang=\"en\" dir=\"ltr\"", "<h1>Sign in</h1>", "User name or email")]
    public async Task TheSignInPage_ReadsInTheBrowsersLanguage_RightToLeftForArabic(string? acceptLanguage, string html, string heading, string label)
    {
        var browser = fixture.Host.CreateBrowser();
        if (acceptLanguage is not null) browser.DefaultRequestHeaders.TryAddWithoutValidation("Accept-Language", acceptLanguage);
        var page = System.Net.WebUtility.HtmlDecode(await browser.GetStringAsync("/account/sign-in", Ct));
        page.ShouldContain(html);
        page.ShouldContain(heading);
        page.ShouldContain(label);

        // A refusal on the page reads in it too.
        var refused = await (await new OidcFlow(browser).SubmitFormAsync("/account/sign-in", new() { ["userName"] = "nobody", ["password"] = "wrong-password-1" }))
            .Content.ReadAsStringAsync(Ct);
        if (acceptLanguage == "de-DE") refused.ShouldContain("Benutzername oder Passwort stimmen nicht.");
    }

    private async Task<Mail> AskForResetAsync(string userName, string? acceptLanguage)
    {
        var address = $"{userName}@erp.test";
        var seen = (await Mailbox.ToAsync(fixture.Host.MailSender, address)).Count;
        var browser = fixture.Host.CreateBrowser();
        if (acceptLanguage is not null) browser.DefaultRequestHeaders.TryAddWithoutValidation("Accept-Language", acceptLanguage);
        (await new OidcFlow(browser).SubmitFormAsync("/account/forgot-password", new() { ["email"] = address })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var (mails, _) = await Eventually.ValueAsync(() => Mailbox.ToAsync(fixture.Host.MailSender, address), m => m.Count > seen, TimeSpan.FromSeconds(10));
        mails.Count.ShouldBeGreaterThan(seen, "the reset mail should arrive");
        return mails[^1];
    }
}
