namespace Erp.Emailing;

/// <summary>Sends one message. A sender never drops mail silently: it delivers, stores, or throws.</summary>
public interface IEmailSender
{
    Task SendAsync(EmailMessage message, CancellationToken cancellationToken);
}

/// <summary>A message to one recipient, with a plain-text body and an optional HTML alternative.</summary>
public sealed record EmailMessage(string To, string Subject, string TextBody, string? HtmlBody = null);
