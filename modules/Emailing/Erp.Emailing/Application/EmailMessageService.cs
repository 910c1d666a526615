using Erp.Emailing.Data;
using Erp.Kernel.Security;
using Microsoft.EntityFrameworkCore;

namespace Erp.Emailing.Application;

/// <summary>The mail the installation sent, is sending, or failed to send; and the test mail an administrator sends.</summary>
internal sealed class EmailMessageService(EmailingDbContext db, EmailTemplates templates, ICurrentUser caller)
{
    public async Task<IReadOnlyList<EmailMessageDto>> ListAsync(EmailStatus? status, int skip, int take, CancellationToken cancellationToken)
    {
        var messages = db.Messages.AsNoTracking();
        if (status is { } only) messages = messages.Where(m => m.Status == only);
        var page = await messages.OrderByDescending(m => m.RequestedAt).Skip(skip).Take(take).ToListAsync(cancellationToken);
        return [.. page.Select(m => new EmailMessageDto(m.Id, m.To, m.Template, m.Language, m.Subject, m.Status, m.Attempts, m.LastError, m.RequestedAt, m.SentAt))];
    }

    /// <summary>Queues the test mail (or a template with its sample model) to <paramref name="request"/>'s address; returns the message's id.</summary>
    public async Task<Guid> SendTestAsync(SendTestEmailRequest request, CancellationToken cancellationToken)
    {
        var template = templates.Get(request.Template ?? EmailTemplateNames.Test);
        var model = new Dictionary<string, string>(template.SampleModel, StringComparer.Ordinal) { ["requested_by"] = caller.UserName ?? caller.ClientId ?? "" };
        var requested = EmailRequestedIntegrationEvent.For(request.To, template.Name, model, System.Globalization.CultureInfo.CurrentUICulture.Name);
        db.Publish(requested);
        await db.SaveChangesAsync(cancellationToken);
        return requested.MessageId;
    }
}
