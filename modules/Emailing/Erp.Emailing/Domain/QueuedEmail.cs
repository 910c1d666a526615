using Erp.Kernel.Domain;

namespace Erp.Emailing.Domain;

/// <summary>
/// One requested mail and where it is. Its id is the request's (<see cref="EmailRequestedIntegrationEvent.MessageId"/>)
/// and the mail's <c>Message-ID</c>, so a redelivered request finds it and never sends it twice. Written outside the
/// delivery's transaction, so what happened stays recorded when the delivery rolls back for a retry.
/// </summary>
public sealed class QueuedEmail : Entity<Guid>
{
    private const int MaxError = 2000;

    private QueuedEmail() { }

    public string To { get; private set; } = null!;
    public string Template { get; private set; } = null!;
    public string? Language { get; private set; }
    public string? Subject { get; private set; }
    public EmailStatus Status { get; private set; }
    public int Attempts { get; private set; }
    public string? LastError { get; private set; }
    public DateTimeOffset RequestedAt { get; private set; }
    public DateTimeOffset? SentAt { get; private set; }

    public bool IsDone => Status is EmailStatus.Sent or EmailStatus.Failed;

    public static QueuedEmail Requested(EmailRequestedIntegrationEvent request, DateTimeOffset at) => new()
    {
        Id = request.MessageId, To = request.To, Template = request.Template, Language = request.Language, Status = EmailStatus.Queued, RequestedAt = at,
    };

    /// <summary>Handed to the relay now: if the process dies before <see cref="Sent"/>, the next attempt sends it again.</summary>
    public void Sending(string subject)
    {
        Check(new BusinessRule("emailing.message.done", IsDone));
        (Status, Subject, Attempts) = (EmailStatus.Sending, subject, Attempts + 1);
    }

    public void Sent(DateTimeOffset at) => (Status, SentAt, LastError) = (EmailStatus.Sent, at, null);

    /// <summary>A transient failure: another attempt follows after a back-off.</summary>
    public void WillRetry(string error) => (Status, LastError) = (EmailStatus.Queued, Trim(error));

    /// <summary>A permanent failure (the relay refused the recipient, the template cannot render), or the last attempt's.</summary>
    public void Failed(string error) => (Status, LastError) = (EmailStatus.Failed, Trim(error));

    private static void Check(BusinessRule rule) => rule.ThrowIfBroken();

    private static string Trim(string error) => error.Length > MaxError ? error[..MaxError] : error;
}
