using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Erp.Emailing.Application;

/// <summary><c>Emailing:*</c>: the sender address, and the folder messages are written to.</summary>
public sealed class PickupDirectoryOptions
{
    public const string Section = "Emailing";

    public string From { get; set; } = "Erp <no-reply@localhost>";

    /// <summary>Relative paths are under the content root. Default <c>.data/mail</c>.</summary>
    public string PickupDirectory { get; set; } = Path.Combine(".data", "mail");
}

/// <summary>
/// Writes each message as an RFC 5322 <c>.eml</c> file any mail client opens, and logs where. This is the
/// sender until SMTP delivery lands: mail is kept, never dropped.
/// </summary>
internal sealed class PickupDirectoryEmailSender(IOptions<PickupDirectoryOptions> options, IHostEnvironment environment,
    TimeProvider clock, ILogger<PickupDirectoryEmailSender> logger) : IEmailSender
{
    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        var body = new BodyBuilder { TextBody = message.TextBody, HtmlBody = message.HtmlBody };
        using var mime = new MimeMessage([MailboxAddress.Parse(options.Value.From)], [MailboxAddress.Parse(message.To)], message.Subject, body.ToMessageBody());
        mime.Date = clock.GetUtcNow();

        var folder = Path.GetFullPath(options.Value.PickupDirectory, environment.ContentRootPath);
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"{clock.GetUtcNow():yyyyMMddTHHmmssfff}-{Guid.NewGuid():N}.eml");
        // Written aside, then renamed: whoever picks mail up never sees half a message.
        var partial = path + ".partial";
        await mime.WriteToAsync(partial, cancellationToken);
        File.Move(partial, path);
        logger.LogInformation("Email '{Subject}' to {Recipient} written to {Path}", message.Subject, message.To, path);
    }
}
