using Erp.Emailing;
using Erp.Testing;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;

namespace Erp.Host.Tests;

/// <summary>Mail leaves over SMTP outside Development; the pickup folder is Development's, and private.</summary>
public sealed class EmailingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task OutsideDevelopment_TheHostRefusesToStart_WithoutAnSmtpRelay()
    {
        await using var host = new ErpHost("unused", [], settings: new Dictionary<string, string?> { ["Emailing:Smtp:Host"] = null });
        var error = Should.Throw<Exception>(() => host.CreateClient());
        error.GetBaseException().Message.ShouldContain("Emailing:Smtp:Host is not set");
    }

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
            ["Emailing:Smtp:Host"] = null,
            ["Emailing:PickupDirectory"] = folder,
        });
        try
        {
            await host.Services.GetRequiredService<IEmailSender>().SendAsync(new EmailMessage("someone@erp.test", "Hello", "A link: https://erp.test/x"), Ct);

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
            ["Emailing:Smtp:Host"] = "127.0.0.1",
            ["Emailing:Smtp:Port"] = relay.SmtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Emailing:Smtp:UserName"] = "relay-user",
            ["Emailing:Smtp:Password"] = password,
        };
        await using var host = new ErpHost(database, [], settings: Relay("relay-secret-42"));
        await using var wrongPassword = new ErpHost(database, [], settings: Relay("guessed"));

        await host.Services.GetRequiredService<IEmailSender>().SendAsync(new EmailMessage("someone@erp.test", "Signed in", "Delivered."), Ct);
        await Should.ThrowAsync<Exception>(() =>
            wrongPassword.Services.GetRequiredService<IEmailSender>().SendAsync(new EmailMessage("someone@erp.test", "Refused", "Not delivered."), Ct));

        var received = await Mailbox.ToAsync(host.MailSender, "someone@erp.test", relay.Api);
        received.ShouldHaveSingleItem().Subject.ShouldBe("Signed in");
        (await Mailbox.ToAsync(wrongPassword.MailSender, "someone@erp.test", relay.Api)).ShouldBeEmpty();
    }
}
