using System.Net;
using System.Net.Http.Json;
using Erp.Testing;
using Shouldly;

namespace Erp.Platform.Tests;

/// <summary>A host killed while it hands a mail to the relay: after a restart the mail is sent, once.</summary>
public sealed class MailAfterKillTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AHostKilledMidSend_LeavesTheMailToTheNextInstance_WhichSendsItOnce()
    {
        var database = await TestDatabases.CreateMigratedAsync();
        await using var proxy = new SmtpProxy(SmtpCapture.Host, SmtpCapture.Port) { HoldData = true };
        var settings = new Dictionary<string, string?>
        {
            ["Settings:Emailing:Smtp:Port"] = proxy.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Messaging:RetryDelay"] = "00:00:00.200",
        };
        // A token from an in-process instance (sign-in needs HTTPS), which stops before the mail is asked for.
        var hosts = new ErpHost(database, [], settings: settings);
        System.Net.Http.Headers.AuthenticationHeaderValue token;
        await using (var signIn = new ErpHost(database, [], settings: new Dictionary<string, string?>(settings) { [ErpHost.MailSenderSetting] = hosts.MailSender }))
            token = (await signIn.CreateSignedInClientAsync()).DefaultRequestHeaders.Authorization!;
        const string address = "killed-mid-send@erp.test";

        using (var first = hosts.StartProcess())
        {
            await first.WaitUntilLiveAsync(TimeSpan.FromSeconds(60));
            using var api = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{first.Port}") };
            api.DefaultRequestHeaders.Authorization = token;
            (await api.PostAsJsonAsync("/api/emailing/test", new { to = address }, Ct)).StatusCode.ShouldBe(HttpStatusCode.Accepted);
            await proxy.DataHeld.Task.WaitAsync(TimeSpan.FromSeconds(30), Ct);
            first.Kill(); // the relay has the envelope, not the message
        }

        (await PostgresServer.ScalarAsync<string>(database, "SELECT status FROM emailing.messages")).ShouldBe("Sending");
        proxy.HoldData = false;
        using var second = hosts.StartProcess();
        await second.WaitUntilLiveAsync(TimeSpan.FromSeconds(60));

        var (mails, _) = await Eventually.ValueAsync(() => Mailbox.ToAsync(hosts.MailSender, address), m => m.Count > 0, TimeSpan.FromSeconds(30));
        mails.Count.ShouldBe(1);
        await Task.Delay(2000, Ct);
        (await Mailbox.ToAsync(hosts.MailSender, address)).Count.ShouldBe(1, "sent once");
        (await PostgresServer.ScalarAsync<string>(database, "SELECT status || ' after ' || attempts FROM emailing.messages")).ShouldBe("Sent after 2");
        await hosts.DisposeAsync();
    }
}
