using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Erp.Emailing;
using Erp.Emailing.Data;
using Erp.Kernel.Security;
using Erp.Testing;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;

namespace Erp.Platform.Tests;

/// <summary>
/// Mail requested with a change: sent once after the commit and never for a rolled-back one, rendered from templates an
/// administrator may override per language, with attachments from blob storage, and every failure visible.
/// </summary>
public sealed class EmailQueueTests : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly Dictionary<string, string?> QuickRetries = new() { ["Messaging:MaxAttempts"] = "3", ["Messaging:RetryDelay"] = "00:00:00.100" };

    private ErpHost _host = null!;
    private HttpClient _admin = null!;

    public async ValueTask InitializeAsync()
    {
        _host = new ErpHost(await TestDatabases.CreateMigratedAsync(), [], settings: QuickRetries);
        _admin = await _host.CreateSignedInClientAsync();
    }

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task AMailRequestedWithAChange_IsSentOnceAfterItsCommit_AndNeverForARolledBackOne()
    {
        var committed = EmailRequestedIntegrationEvent.For("buyer@erp.test", EmailTemplateNames.Test, new Dictionary<string, string> { ["requested_by"] = "committed" });
        var rolledBack = EmailRequestedIntegrationEvent.For("buyer@erp.test", EmailTemplateNames.Test, new Dictionary<string, string> { ["requested_by"] = "rolled back" });
        await EmailRequests.PublishAsync(_host, rolledBack, commit: false);
        await EmailRequests.PublishAsync(_host, committed, commit: true);

        var mail = (await MailsAsync("buyer@erp.test", 1)).ShouldHaveSingleItem();
        mail.Subject.ShouldBe("Erp test mail");
        mail.TextBody.ShouldContain("requested by committed");
        mail.MessageId.ShouldBe($"<{committed.MessageId:N}@erp.test>");
        var message = await MessageAsync(committed.MessageId, EmailStatus.Sent);
        message.GetProperty("attempts").GetInt32().ShouldBe(1);
        (await MessagesAsync()).ShouldNotContain(m => m.GetProperty("id").GetGuid() == rolledBack.MessageId);
        await Task.Delay(1000, Ct);
        (await Mailbox.ToAsync(_host.MailSender, "buyer@erp.test")).Count.ShouldBe(1, "sent once");
    }

    [Fact]
    public async Task AnAdministrator_OverridesATemplatePerLanguage_PreviewsIt_AndMailInThatLanguageUsesIt()
    {
        const string path = "/api/emailing/templates/Emailing.Test";
        var saved = await _admin.PutAsJsonAsync($"{path}/overrides/de", new
        {
            subject = "Probe für {{ requested_by }}", text = "Hallo {{ requested_by }}!", html = "<p>Hallo <b>{{ requested_by }}</b>!</p>",
        }, Ct);
        saved.StatusCode.ShouldBe(HttpStatusCode.OK, await saved.DescribeAsync());

        var preview = await (await _admin.PostAsJsonAsync($"{path}/preview", new { language = "de", model = new { requested_by = "<Ana>" } }, Ct)).ReadAsync<JsonElement>();
        preview.GetProperty("subject").GetString().ShouldBe("Probe für <Ana>");
        preview.GetProperty("text").GetString()!.ShouldStartWith("Hallo <Ana>!");
        preview.GetProperty("text").GetString()!.ShouldContain("Diese Nachricht wurde automatisch von Erp gesendet."); // the layout, in German
        preview.GetProperty("html").GetString()!.ShouldContain("<p>Hallo <b>&lt;Ana&gt;</b>!</p>"); // values HTML-encoded
        preview.GetProperty("html").GetString()!.ShouldContain("<html lang=\"de\" dir=\"ltr\">");
        var english = await (await _admin.PostAsJsonAsync($"{path}/preview", new { language = "en" }, Ct)).ReadAsync<JsonElement>();
        english.GetProperty("subject").GetString().ShouldBe("Erp test mail");
        var arabic = await (await _admin.PostAsJsonAsync($"{path}/preview", new { language = "ar" }, Ct)).ReadAsync<JsonElement>();
        arabic.GetProperty("html").GetString()!.ShouldContain("dir=\"rtl\"");

        var german = EmailRequestedIntegrationEvent.For("leser@erp.test", EmailTemplateNames.Test, new Dictionary<string, string> { ["requested_by"] = "Jo" }, "de");
        await EmailRequests.PublishAsync(_host, german, commit: true);
        (await MailsAsync("leser@erp.test", 1)).ShouldHaveSingleItem().Subject.ShouldBe("Probe für Jo");

        // A template that does not parse names its part; a language the installation lacks is refused; nothing changes.
        var broken = await _admin.PutAsJsonAsync($"{path}/overrides/de", new { subject = "ok", text = "{% if %}", html = "<p>{{ x </p>" }, Ct);
        var problem = await broken.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
        problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).ShouldBe(["text", "html"], ignoreOrder: true);
        await (await _admin.PutAsJsonAsync($"{path}/overrides/xx", new { subject = "s", text = "t", html = "h" }, Ct))
            .ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "emailing.template.language-not-supported");
        (await _admin.GetFromJsonAsync<JsonElement>(path, Ct)).GetProperty("overrides").EnumerateArray().ShouldHaveSingleItem()
            .GetProperty("subject").GetString().ShouldBe("Probe für {{ requested_by }}");

        (await _admin.DeleteAsync($"{path}/overrides/de", Ct)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var back = await (await _admin.PostAsJsonAsync($"{path}/preview", new { language = "de" }, Ct)).ReadAsync<JsonElement>();
        back.GetProperty("subject").GetString().ShouldBe("Erp-Test-E-Mail");
    }

    [Fact]
    public async Task AnAttachment_IsReadFromBlobStorage_WhenTheMailIsSent()
    {
        var company = await _admin.CreateCompanyAsync("Mailing");
        var admin = (await _host.CreateSignedInClientAsync()).WorkingIn(company);
        var pdf = Files.Pdf(300_000);
        var blob = (await (await admin.PostAsync($"/api/attachments/companies/{company}", Files.Upload(pdf, "Rechnung 2026-0001.pdf"), Ct))
            .ReadAsync<JsonElement>()).GetProperty("id").GetGuid();

        var request = EmailRequestedIntegrationEvent.For("customer@erp.test", EmailTemplateNames.Test, new Dictionary<string, string> { ["requested_by"] = "billing" },
            attachments: [blob]);
        await EmailRequests.PublishAsync(_host, request, commit: true, company);

        var mail = (await MailsAsync("customer@erp.test", 1)).ShouldHaveSingleItem();
        mail.Attachments.ShouldHaveSingleItem().ShouldBe(new MailAttachment("Rechnung 2026-0001.pdf", pdf.Length));
    }

    [Fact]
    public async Task AMailThatCannotBeSent_FailsAtOnce_AndOneTheRelayKeepsRefusing_FailsAfterItsRetries_BothVisibly()
    {
        // No address: no retry can help.
        var malformed = EmailRequestedIntegrationEvent.For("not an address", EmailTemplateNames.Test, new Dictionary<string, string> { ["requested_by"] = "x" });
        await EmailRequests.PublishAsync(_host, malformed, commit: true);
        var failed = await MessageAsync(malformed.MessageId, EmailStatus.Failed);
        failed.GetProperty("attempts").GetInt32().ShouldBe(1, "not retried");
        failed.GetProperty("lastError").GetString()!.ShouldNotBeNullOrWhiteSpace();

        // A relay that wants a sign-in the settings do not give: retried with back-off (the administrator may fix it), then failed.
        using var relay = new MaildevProcess("--incoming-user relay-user --incoming-pass relay-secret-42");
        await using var host = new ErpHost(await TestDatabases.CreateMigratedAsync(), [], settings: new Dictionary<string, string?>(QuickRetries)
        {
            ["Settings:Emailing:Smtp:Port"] = relay.SmtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        var refused = EmailRequestedIntegrationEvent.For("nobody@erp.test", EmailTemplateNames.Test, new Dictionary<string, string> { ["requested_by"] = "x" });
        await EmailRequests.PublishAsync(host, refused, commit: true);
        using var admin = await host.CreateSignedInClientAsync();
        var dead = await MessageAsync(refused.MessageId, EmailStatus.Failed, admin);
        dead.GetProperty("attempts").GetInt32().ShouldBe(3, "every attempt the outbox allows");
        dead.GetProperty("lastError").GetString()!.ShouldNotBeNullOrWhiteSpace();
        (await Mailbox.ToAsync(host.MailSender, "nobody@erp.test", relay.Api)).ShouldBeEmpty();
    }

    [Fact]
    public async Task WithoutARelay_MailWaitsVisibly_AndGoesOnceAnAdministratorSetsOne()
    {
        await using var host = new ErpHost(await TestDatabases.CreateMigratedAsync(), [], settings: new Dictionary<string, string?>
        {
            [ErpHost.SmtpHostSetting] = null, ["Messaging:RetryDelay"] = "00:00:00.500", ["Messaging:MaxAttempts"] = "20",
        });
        using var admin = await host.CreateSignedInClientAsync();
        var request = EmailRequestedIntegrationEvent.For("waiting@erp.test", EmailTemplateNames.Test, new Dictionary<string, string> { ["requested_by"] = "x" });
        await EmailRequests.PublishAsync(host, request, commit: true);

        var (waiting, _) = await Eventually.ValueAsync(() => MessageOrDefaultAsync(admin, request.MessageId),
            m => m?.GetProperty("lastError").GetString() is not null, TimeSpan.FromSeconds(10));
        waiting!.Value.GetProperty("status").GetString().ShouldBe("Queued");
        waiting.Value.GetProperty("lastError").GetString()!.ShouldContain("No SMTP relay is configured");

        (await admin.PutAsJsonAsync("/api/settings/global/Email", new { values = new Dictionary<string, string?> { ["Emailing.Smtp.Host"] = SmtpCapture.Host } }, Ct))
            .StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await MessageAsync(request.MessageId, EmailStatus.Sent, admin, TimeSpan.FromSeconds(30));
        (await Mailbox.ToAsync(host.MailSender, "waiting@erp.test")).Count.ShouldBe(1);
    }

    private async Task<IReadOnlyList<Mail>> MailsAsync(string address, int count)
    {
        var (mails, _) = await Eventually.ValueAsync(() => Mailbox.ToAsync(_host.MailSender, address), m => m.Count >= count, TimeSpan.FromSeconds(15));
        return mails;
    }

    private async Task<JsonElement[]> MessagesAsync(HttpClient? admin = null) =>
        (await (admin ?? _admin).GetFromJsonAsync<JsonElement[]>("/api/emailing/messages?take=200", Ct))!;

    private static async Task<JsonElement?> MessageOrDefaultAsync(HttpClient admin, Guid id) =>
        (await admin.GetFromJsonAsync<JsonElement[]>("/api/emailing/messages?take=200", Ct))!.Cast<JsonElement?>().FirstOrDefault(m => m!.Value.GetProperty("id").GetGuid() == id);

    private async Task<JsonElement> MessageAsync(Guid id, EmailStatus status, HttpClient? admin = null, TimeSpan? within = null)
    {
        var (message, _) = await Eventually.ValueAsync(() => MessageOrDefaultAsync(admin ?? _admin, id),
            m => m?.GetProperty("status").GetString() == status.ToString(), within ?? TimeSpan.FromSeconds(15));
        message.ShouldNotBeNull($"message {id}");
        message.Value.GetProperty("status").GetString().ShouldBe(status.ToString(), message.Value.ToString());
        return message.Value;
    }
}

public static class EmailRequests
{
    /// <summary>Publishes <paramref name="request"/> from the emailing module's context, in a transaction that commits or rolls back.</summary>
    public static async Task PublishAsync(ErpHost host, EmailRequestedIntegrationEvent request, bool commit, Guid? company = null)
    {
        await using var scope = host.Services.CreateAsyncScope();
        if (company is { } id) scope.ServiceProvider.GetRequiredService<CompanyWork>().RunIn(id);
        var db = scope.ServiceProvider.GetRequiredService<EmailingDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(TestContext.Current.CancellationToken);
        db.Publish(request);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        if (commit) await transaction.CommitAsync(TestContext.Current.CancellationToken);
        else await transaction.RollbackAsync(TestContext.Current.CancellationToken);
    }
}
