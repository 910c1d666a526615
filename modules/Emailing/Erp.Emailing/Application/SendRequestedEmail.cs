using Erp.BlobStoring;
using Erp.Emailing.Data;
using Erp.Emailing.Domain;
using Erp.Kernel.Messaging;
using MailKit.Net.Smtp;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MimeKit;

namespace Erp.Emailing.Application;

/// <summary>
/// Sends a requested mail once. Its record (<see cref="QueuedEmail"/>) is written in a scope of its own, outside the
/// delivery's transaction, so it survives the rollback a retry starts with: a redelivered request whose mail was sent
/// finds it sent and stops. It is marked as being sent before the relay gets it and as sent right after, so a process
/// killed mid-send leaves it to be sent again (the relay never accepted it) and one killed after the relay accepted
/// it can repeat it only in the moment between the two. The relay refusing the mail for good (5xx, a malformed
/// address) or a template that cannot render fails it at once; anything else is retried by the outbox with back-off
/// and fails it after the last attempt.
/// </summary>
internal sealed class SendRequestedEmail(
    IServiceScopeFactory scopes, EmailTemplates templates, IEmailSender sender, IBlobReader blobs, TimeProvider clock, ILogger<SendRequestedEmail> logger)
    : IIntegrationEventHandler<EmailRequestedIntegrationEvent>
{
    public async Task HandleAsync(EmailRequestedIntegrationEvent request, IntegrationEventContext context, CancellationToken cancellationToken)
    {
        await using var own = scopes.CreateAsyncScope();
        var db = own.ServiceProvider.GetRequiredService<EmailingDbContext>();
        var message = await db.Messages.FindAsync([request.MessageId], cancellationToken);
        if (message is null)
        {
            message = QueuedEmail.Requested(request, clock.GetUtcNow());
            db.Messages.Add(message);
        }

        if (message.IsDone) return;

        Domain.EmailParts mail;
        try
        {
            mail = await templates.ComposeAsync(request.Template, request.Language, request.Model, cancellationToken);
        }
        catch (EmailTemplateException e)
        {
            await FailAsync(db, message, $"Template: {e.Message}", cancellationToken);
            return;
        }

        message.Sending(mail.Subject);
        await db.SaveChangesAsync(cancellationToken);

        var attachments = new List<BlobContent>();
        try
        {
            foreach (var id in request.Attachments)
                attachments.Add(await blobs.OpenAsync(id, cancellationToken) ?? throw new PermanentEmailFailure($"Attachment {id} does not exist."));
            await sender.SendAsync(new EmailMessage(request.To, mail.Subject, mail.Text, mail.Html)
            {
                Id = request.MessageId,
                Attachments = [.. attachments.Select(a => new EmailAttachment(a.FileName, a.ContentType, a.Content))],
            }, cancellationToken);
        }
        catch (Exception e) when (IsPermanent(e))
        {
            await FailAsync(db, message, e.Message, cancellationToken);
            return;
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            if (context.IsLastAttempt) await FailAsync(db, message, e.Message, cancellationToken);
            else
            {
                message.WillRetry($"{e.GetType().Name}: {e.Message}");
                await db.SaveChangesAsync(cancellationToken);
            }

            throw;
        }
        finally
        {
            foreach (var attachment in attachments) await attachment.DisposeAsync();
        }

        message.Sent(clock.GetUtcNow());
        await db.SaveChangesAsync(CancellationToken.None); // sent is sent: not undone by a stop that comes now
    }

    private async Task FailAsync(EmailingDbContext db, QueuedEmail message, string error, CancellationToken cancellationToken)
    {
        message.Failed(error);
        await db.SaveChangesAsync(cancellationToken);
        logger.LogError("Email {MessageId} ({Template}) to {Recipient} failed: {Error}", message.Id, message.Template, message.To, error);
    }

    private static bool IsPermanent(Exception e) => e switch
    {
        PermanentEmailFailure or ParseException => true,
        SmtpCommandException command => (int)command.StatusCode >= 500,
        _ => false,
    };
}

/// <summary>A mail that no retry can send (an attachment that is gone).</summary>
internal sealed class PermanentEmailFailure(string message) : Exception(message);
