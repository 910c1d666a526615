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

/// <summary>The forgot-password page queued the request without saying whether the address is known: it is looked at here.</summary>
internal sealed class SendPasswordResetMailToAddress(UserManager<User> users, AccountEmails emails) : IIntegrationEventHandler<PasswordResetRequestedForAddressIntegrationEvent>
{
    public async Task HandleAsync(PasswordResetRequestedForAddressIntegrationEvent integrationEvent, IntegrationEventContext context, CancellationToken cancellationToken)
    {
        if (await users.FindByEmailAsync(integrationEvent.Email) is { } user)
            await emails.SendPasswordResetAsync(user, isNewAccount: false, integrationEvent.LinkOrigin, cancellationToken);
    }
}

/// <summary>The new address gets the link that makes the change; the current one is told, so an unwanted change is noticed.</summary>
internal sealed class SendEmailChangeMails(UserManager<User> users, AccountEmails emails) : IIntegrationEventHandler<EmailChangeRequestedIntegrationEvent>
{
    public async Task HandleAsync(EmailChangeRequestedIntegrationEvent integrationEvent, IntegrationEventContext context, CancellationToken cancellationToken)
    {
        if (await users.FindByIdAsync(integrationEvent.UserId.ToString()) is not { } user
            || string.Equals(user.Email, integrationEvent.NewEmail, StringComparison.OrdinalIgnoreCase)) return;
        await emails.SendEmailChangeLinkAsync(user, integrationEvent.NewEmail, integrationEvent.LinkOrigin, cancellationToken);
        await emails.SendEmailChangeNoticeAsync(user, integrationEvent.NewEmail, cancellationToken);
    }
}

/// <summary>The owner hears of every change to their second factor, so one made with a stolen session is noticed.</summary>
internal sealed class SendTwoFactorNotice(UserManager<User> users, AccountEmails emails) : IIntegrationEventHandler<TwoFactorChangedIntegrationEvent>
{
    public async Task HandleAsync(TwoFactorChangedIntegrationEvent integrationEvent, IntegrationEventContext context, CancellationToken cancellationToken)
    {
        if (await users.FindByIdAsync(integrationEvent.UserId.ToString()) is { } user)
            await emails.SendTwoFactorNoticeAsync(user, integrationEvent.Change, cancellationToken);
    }
}

/// <summary>The owner hears of every password change, so one made with a stolen session is noticed.</summary>
internal sealed class SendPasswordChangedNotice(UserManager<User> users, AccountEmails emails) : IIntegrationEventHandler<PasswordChangedIntegrationEvent>
{
    public async Task HandleAsync(PasswordChangedIntegrationEvent integrationEvent, IntegrationEventContext context, CancellationToken cancellationToken)
    {
        if (await users.FindByIdAsync(integrationEvent.UserId.ToString()) is { } user)
            await emails.SendPasswordChangedNoticeAsync(user, cancellationToken);
    }
}
