namespace Erp.Emailing;

/// <summary>
/// Asks for a mail, published in the transaction of the business change it belongs to (<c>db.Publish(...)</c>): it is sent
/// after that commits, or never if it rolls back. The emailing module renders <see cref="Template"/> in
/// <see cref="Language"/> with <see cref="Model"/>, sends it once (its id is the message's, and its <c>Message-ID</c>),
/// retries transient failures with back-off, and records a permanent failure where administrators see it.
/// </summary>
/// <param name="Language">The reader's language (<c>de</c>); null for the installation's default.</param>
/// <param name="Attachments">Blobs (blob storing) attached to the mail, by id; read when it is sent.</param>
public sealed record EmailRequestedIntegrationEvent(
    Guid MessageId, string To, string Template, IReadOnlyDictionary<string, string> Model, string? Language, IReadOnlyList<Guid> Attachments)
    : Erp.Kernel.IIntegrationEvent
{
    public static EmailRequestedIntegrationEvent For(string to, string template, IReadOnlyDictionary<string, string> model, string? language = null,
        IReadOnlyList<Guid>? attachments = null) =>
        new(Guid.CreateVersion7(), to, template, model, language, attachments ?? []);
}

/// <summary>Where a message is: waiting (first try or a retry), sent, or failed for good.</summary>
public enum EmailStatus
{
    Queued,
    Sending,
    Sent,
    Failed,
}

public sealed record EmailMessageDto(Guid Id, string To, string Template, string? Language, string? Subject, EmailStatus Status, int Attempts,
    string? LastError, DateTimeOffset RequestedAt, DateTimeOffset? SentAt);

/// <param name="Template">Sends this template with its sample model; the test mail when not given.</param>
public sealed record SendTestEmailRequest(
    [property: System.ComponentModel.DataAnnotations.Required, System.ComponentModel.DataAnnotations.EmailAddress] string To, string? Template = null);

public static class EmailingPermissions
{
    public const string Default = "Emailing";
    public const string Templates = "Emailing.Templates";

    public static IReadOnlyList<Erp.Kernel.PermissionDefinition> All { get; } =
    [
        new(Default, "See sent and failed mail, and send a test mail"),
        new(Templates, "Change mail templates", Default),
    ];
}

/// <summary>The relay and sender, as settings an administrator changes at run time (the password as a secret).</summary>
public static class EmailingSettings
{
    public const string Group = "Email";
    public const string From = "Emailing.From";
    public const string SmtpHost = "Emailing.Smtp.Host";
    public const string SmtpPort = "Emailing.Smtp.Port";
    public const string SmtpSecurity = "Emailing.Smtp.Security";
    public const string SmtpUserName = "Emailing.Smtp.UserName";
    public const string SmtpPassword = "Emailing.Smtp.Password";
}

public static class EmailingErrors
{
    public const string TemplateNotFound = "emailing.template.not-found";
    public const string TemplateInvalid = "emailing.template.invalid";
    public const string LanguageNotSupported = "emailing.template.language-not-supported";
    public const string OverrideNotFound = "emailing.template.override-not-found";
    public const string NotConfigured = "emailing.not-configured";
}
