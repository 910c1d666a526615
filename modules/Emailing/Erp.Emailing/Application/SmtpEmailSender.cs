using MailKit.Net.Smtp;
using MailKit.Security;
using Erp.Kernel.Settings;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Erp.Emailing.Application;

/// <summary>
/// Hands each message to the relay the settings name (MailKit), signing in when a user name is set. A connection per
/// message: mail leaves a few at a time, and a fresh connection never carries a broken session into the next send.
/// In Development without a relay, mail goes to the pickup folder instead; elsewhere that is an error the message shows.
/// </summary>
internal sealed class SmtpEmailSender(ISettingProvider settings, IOptions<EmailingOptions> options, IHostEnvironment environment,
    PickupDirectoryEmailSender pickup, TimeProvider clock, ILogger<SmtpEmailSender> logger) : IEmailSender
{
    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        var relay = await SmtpRelay.ReadAsync(settings, cancellationToken);
        if (relay.Host is null)
        {
            if (environment.IsDevelopment())
            {
                await pickup.SendAsync(relay, message, cancellationToken);
                return;
            }

            throw new EmailNotConfiguredException();
        }

        using var mime = relay.ToMime(message, clock.GetUtcNow());
        using var client = new SmtpClient { Timeout = (int)options.Value.SmtpTimeout.TotalMilliseconds };
        await client.ConnectAsync(relay.Host, relay.Port, SocketOptions(relay.Security), cancellationToken);
        if (!string.IsNullOrEmpty(relay.UserName))
            await client.AuthenticateAsync(relay.UserName, relay.Password ?? "", cancellationToken);
        await client.SendAsync(mime, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
        logger.LogInformation("Email '{Subject}' to {Recipient} handed to {Relay}", message.Subject, message.To, relay.Host);
    }

    private static SecureSocketOptions SocketOptions(SmtpSecurity security) => security switch
    {
        SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
        SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        _ => SecureSocketOptions.None,
    };
}

/// <summary>No relay is configured outside Development: the message waits (retried) until an administrator sets one.</summary>
internal sealed class EmailNotConfiguredException() : Exception("No SMTP relay is configured (setting Emailing.Smtp.Host).");
