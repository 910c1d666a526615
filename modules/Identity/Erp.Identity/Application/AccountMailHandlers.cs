using Erp.Identity.Domain;
using Erp.Identity.Events;
using Erp.Kernel.Messaging;
using Microsoft.AspNetCore.Identity;

namespace Erp.Identity.Application;

// Identity's mails go out once the change that asks for them commits, with retries: the handlers make the link's
// token at send time. A user deleted (or an address changed again) meanwhile gets nothing.

internal sealed class SendWelcomeMail(UserManager<User> users, AccountEmails emails) : IIntegrationEventHandler<UserCreatedIntegrationEvent>
{
    public async Task HandleAsync(UserCreatedIntegrationEvent integrationEvent, IntegrationEventContext context, CancellationToken cancellationToken)
    {
        if (await users.FindByIdAsync(integrationEvent.UserId.ToString()) is { } user)
            await emails.SendPasswordResetAsync(user, isNewAccount: true, integrationEvent.LinkOrigin, cancellationToken);
    }
}

internal sealed class SendPasswordResetMail(UserManager<User> users, AccountEmails emails) : IIntegrationEventHandler<PasswordResetRequestedIntegrationEvent>
{
    public async Task HandleAsync(PasswordResetRequestedIntegrationEvent integrationEvent, IntegrationEventContext context, CancellationToken cancellationToken)
    {
        if (await users.FindByIdAsync(integrationEvent.UserId.ToString()) is { } user)
            await emails.SendPasswordResetAsync(user, isNewAccount: false, integrationEvent.LinkOrigin, cancellationToken);
    }
}

internal sealed class SendEmailConfirmationMail(UserManager<User> users, AccountEmails emails) : IIntegrationEventHandler<EmailChangedIntegrationEvent>
{
    public async Task HandleAsync(EmailChangedIntegrationEvent integrationEvent, IntegrationEventContext context, CancellationToken cancellationToken)
    {
        if (await users.FindByIdAsync(integrationEvent.UserId.ToString()) is { EmailConfirmed: false } user
            && string.Equals(user.Email, integrationEvent.Email, StringComparison.OrdinalIgnoreCase))
            await emails.SendEmailConfirmationAsync(user, integrationEvent.LinkOrigin, cancellationToken);
    }
}
