using Erp.Emailing;
using Erp.Testing;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;

namespace Erp.Host.Tests;

/// <summary>The transport: mail leaves over the SMTP relay the settings name; the pickup folder is Development's, and private.</summary>
public sealed class EmailingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(null, "Identity:PublicOrigin is not set")]
    [InlineData("http://erp.example.com", "Identity:PublicOrigin holds a development value")]
    [InlineData("https://erp.example.com/sign-in", "Identity:PublicOrigin holds a development value")]
    public async Task OutsideDevelopment_TheHostRefusesToStart_WithoutAnHttpsPublicOrigin(string? origin, string expected)
    {
        await using var host = new ErpHost("unused", [], settings: new Dictionary<string, string?> { ["Identity:PublicOrigin"] = origin });
        var error = Should.Throw<Exception>(() => host.CreateClient());
        error.GetBaseException().Message.ShouldContain(expected);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // file modes are Unix's
    public async Task InDevelopmentWithoutARelay_MailIsWrittenToThePickupFolder_ReadableByItsOwnerOnly()
    {
        var folder = Path.Combine(Path.GetTempPath(), "erp-pickup-" + Guid.NewGuid().ToString("N"));
        await using var host = new ErpHost(await TestDatabases.CreateMigratedAsync(), [], environment: "Development", settings: new Dictionary<string, string?>
        {
            [ErpHost.SmtpHostSetting] = null,
            ["Emailing:PickupDirectory"] = folder,
        });
        try
        {
            await using var scope = host.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<IEmailSender>().SendAsync(new EmailMessage("someone@erp.test", "Hello", "A link: https://erp.test/x"), Ct);

            var file = Directory.GetFiles(folder, "*.eml").ShouldHaveSingleItem();
            File.GetUnixFileMode(file).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
            File.GetUnixFileMode(folder).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            (await File.ReadAllTextAsync(file, Ct)).ShouldContain("Subject: Hello");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task TheSmtpSender_SignsInToARelayThatRequiresIt_AndAWrongPasswordFailsTheSend()
    {
        using var relay = new MaildevProcess("--incoming-user relay-user --incoming-pass relay-secret-42");
        var database = await TestDatabases.CreateMigratedAsync();
        Dictionary<string, string?> Relay(string password) => new()
        {
            [ErpHost.SmtpHostSetting] = "127.0.0.1",
            ["Settings:Emailing:Smtp:Port"] = relay.SmtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Settings:Emailing:Smtp:UserName"] = "relay-user",
            ["Settings:Emailing:Smtp:Password"] = password,
        };
        await using var host = new ErpHost(database, [], settings: Relay("relay-secret-42"));
        await using var wrongPassword = new ErpHost(database, [], settings: Relay("guessed"));

        await SendAsync(host, new EmailMessage("someone@erp.test", "Signed in", "Delivered."));
        await Should.ThrowAsync<Exception>(() => SendAsync(wrongPassword, new EmailMessage("someone@erp.test", "Refused", "Not delivered.")));

        var received = await Mailbox.ToAsync(host.MailSender, "someone@erp.test", relay.Api);
        received.ShouldHaveSingleItem().Subject.ShouldBe("Signed in");
        (await Mailbox.ToAsync(wrongPassword.MailSender, "someone@erp.test", relay.Api)).ShouldBeEmpty();
    }

    private static async Task SendAsync(ErpHost host, EmailMessage message)
    {
        await using var scope = host.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IEmailSender>().SendAsync(message, Ct);
    }
}
