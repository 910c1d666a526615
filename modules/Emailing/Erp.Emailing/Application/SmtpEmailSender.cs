using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Erp.Emailing.Application;

/// <summary>
/// Hands each message to the configured SMTP relay (MailKit). A connection per message: mail leaves through the
/// outbox a few at a time, and a fresh connection never carries a broken session into the next send. A refusal or an
/// unreachable relay throws, so the outbox retries the delivery and, in the end, dead-letters it where admins see it.
/// </summary>
internal sealed class SmtpEmailSender(IOptions<EmailingOptions> options, TimeProvider clock, ILogger<SmtpEmailSender> logger) : IEmailSender
{
    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        var smtp = options.Value.Smtp;
        using var mime = options.Value.ToMime(message, clock.GetUtcNow());
        using var client = new SmtpClient { Timeout = (int)smtp.Timeout.TotalMilliseconds };
        // Registered only when a host is configured (EmailingModule).
        await client.ConnectAsync(smtp.Host!, smtp.Port, SocketOptions(smtp.Security), cancellationToken);
        if (!string.IsNullOrEmpty(smtp.UserName))
            await client.AuthenticateAsync(smtp.UserName, smtp.Password ?? "", cancellationToken);
        await client.SendAsync(mime, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
        logger.LogInformation("Email '{Subject}' to {Recipient} handed to {Relay}", message.Subject, message.To, smtp.Host);
    }

    private static SecureSocketOptions SocketOptions(SmtpSecurity security) => security switch
    {
        SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
        SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        _ => SecureSocketOptions.None,
    };
}
