using MimeKit;

namespace Erp.Emailing.Application;

/// <summary>
/// <c>Emailing:*</c>. Outside Development mail goes out over SMTP (<c>Emailing:Smtp:Host</c> is required there); in
/// Development, without an SMTP host, messages are written to <see cref="PickupDirectory"/> instead.
/// </summary>
public sealed class EmailingOptions
{
    public const string Section = "Emailing";

    public string From { get; set; } = "Erp <no-reply@localhost>";

    /// <summary>Development only. Relative paths are under the content root. Default <c>.data/mail</c>.</summary>
    public string PickupDirectory { get; set; } = Path.Combine(".data", "mail");

    public SmtpOptions Smtp { get; set; } = new();

    /// <summary>A MIME message of <paramref name="message"/> from <see cref="From"/>: the one shape both senders write.</summary>
    internal MimeMessage ToMime(EmailMessage message, DateTimeOffset date)
    {
        var body = new BodyBuilder { TextBody = message.TextBody, HtmlBody = message.HtmlBody };
        return new MimeMessage([MailboxAddress.Parse(From)], [MailboxAddress.Parse(message.To)], message.Subject, body.ToMessageBody()) { Date = date };
    }
}

/// <summary><c>Emailing:Smtp:*</c>: the relay mail is handed to.</summary>
public sealed class SmtpOptions
{
    public const string HostKey = "Emailing:Smtp:Host";

    public string? Host { get; set; }

    public int Port { get; set; } = 587;

    /// <summary>
    /// <c>StartTls</c> (the default: port 587, refuses a server without STARTTLS), <c>SslOnConnect</c> (port 465), or
    /// <c>None</c>, for a relay on the same machine or network only.
    /// </summary>
    public SmtpSecurity Security { get; set; } = SmtpSecurity.StartTls;

    /// <summary>Signs in when set, with <see cref="Password"/>.</summary>
    public string? UserName { get; set; }

    public string? Password { get; set; }

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}

public enum SmtpSecurity
{
    StartTls,
    SslOnConnect,
    None,
}
