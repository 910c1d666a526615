namespace Erp.Emailing;

/// <summary>
/// Hands one message to the relay. A sender never drops mail silently: it delivers, stores, or throws. Modules do not
/// call it: they publish <see cref="EmailRequestedIntegrationEvent"/> with their change, and the emailing module sends.
/// </summary>
public interface IEmailSender
{
    Task SendAsync(EmailMessage message, CancellationToken cancellationToken);
}

/// <summary>A message to one recipient, with a plain-text body and an optional HTML alternative.</summary>
public sealed record EmailMessage(string To, string Subject, string TextBody, string? HtmlBody = null)
{
    /// <summary>The message's id, which becomes its <c>Message-ID</c> (a relay or mailbox that sees it twice may drop the copy).</summary>
    public Guid? Id { get; init; }

    /// <summary>Files attached, streamed into the message as it is written.</summary>
    public IReadOnlyList<EmailAttachment> Attachments { get; init; } = [];
}

public sealed record EmailAttachment(string FileName, string ContentType, Stream Content);
