using Erp.Identity.Application;
using Erp.Identity.Data;
using Erp.Identity.Domain;
using Erp.Identity.Events;
using Erp.Identity.Http;
using Erp.Kernel;
using Erp.Kernel.Modularity;
using Erp.Permissions;
using Erp.Permissions.Events;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Erp.Identity;

/// <summary>
/// Identity: users and roles (ASP.NET Core Identity), the OpenID Connect server the SPA and integrations sign
/// in through (OpenIddict), its sign-in pages, the security log and the user, role and client admin API.
/// </summary>
[DependsOn("Erp.Caching", "Erp.Permissions", "Erp.Emailing", "Erp.Messaging")]
public sealed class IdentityModule : ErpModule
{
    public override void ConfigureServices(ModuleServices module)
    {
        module.AddJsonTypes(IdentityJsonContext.Default);
        var settings = module.Configuration.GetSection(IdentitySettings.Section).Get<IdentitySettings>() ?? new IdentitySettings();
        module.AddDbContext<IdentityDbContext>().AddSeeder<IdentitySeeder>()
            .AddIntegrationEventHandler<UserCreatedIntegrationEvent, SendWelcomeMail>()
            .AddIntegrationEventHandler<PasswordResetRequestedIntegrationEvent, SendPasswordResetMail>()
            .AddIntegrationEventHandler<PasswordResetRequestedForAddressIntegrationEvent, SendPasswordResetMailToAddress>()
            .AddIntegrationEventHandler<EmailChangeRequestedIntegrationEvent, SendEmailChangeMails>()
            .AddIntegrationEventHandler<TwoFactorChangedIntegrationEvent, SendTwoFactorNotice>()
            .AddIntegrationEventHandler<PasswordChangedIntegrationEvent, SendPasswordChangedNotice>()
            .AddIntegrationEventHandler<GrantsChangedIntegrationEvent, LogGrantChange>();
        module.AddDomainEventHandler<UserInvited, PublishUserInvited>()
            .AddDomainEventHandler<EmailChangeRequested, PublishEmailChangeRequested>()
            .AddDomainEventHandler<RoleDeleted, PublishRoleDeleted>();
        module.Services.AddOptions<IdentitySettings>().BindConfiguration(IdentitySettings.Section);
        module.Services.AddErpIdentity(settings, module.Environment);
        module.Services.AddRazorComponents();
        foreach (var template in AccountMailTemplates.All) module.Services.AddSingleton(template);
        module.Services.AddActiveUsersMetric();
        module.Services.AddSingleton<SecurityMetrics>().AddScoped<SecurityLog>().AddScoped<AccountEmails>().AddScoped<TokenClaims>()
            .AddScoped<CallerAuthority>().AddScoped<AccountService>().AddScoped<UserService>().AddScoped<RoleService>().AddScoped<ClientService>().AddScoped<TwoFactorService>()
            .AddScoped<IdentityStatistics>().AddScoped<IPermissionSubjects, PermissionSubjects>()
            .AddSingleton<SignInThrottle>();
        module.Services.AddValidation();
        module.RequireSecret("Identity:Keys:SigningCertificate").RequireSecret("Identity:Keys:EncryptionCertificate")
            // Links in mail and the token issuer never come from the Host header outside Development.
            .RequireSecret(IdentitySettings.PublicOriginKey, origin => !IdentitySettings.IsHttpsOrigin(origin));

        foreach (var permission in IdentityPermissions.All) module.Permissions.Add(permission);
        module.Menu.Add(new MenuItemDefinition("Administration/Users", "/admin/users", IdentityPermissions.Users.Default, Order: 10));
        module.Menu.Add(new MenuItemDefinition("Administration/Roles", "/admin/roles", IdentityPermissions.Roles.Default, Order: 20));
        module.Menu.Add(new MenuItemDefinition("Administration/Integration clients", "/admin/clients", IdentityPermissions.Clients.Default, Order: 40));
        module.OpenApiTags.Add(new OpenApiTagDefinition("Users", "Users: create, change, lock, roles, security log."));
        module.OpenApiTags.Add(new OpenApiTagDefinition("Roles", "Roles that permissions are granted to."));
        module.OpenApiTags.Add(new OpenApiTagDefinition("Clients", "Integration clients signing in with client credentials."));
        module.OpenApiTags.Add(new OpenApiTagDefinition("Account", "The signed-in user's own security settings."));
    }

    public override void MapEndpoints(IEndpointRouteBuilder api)
    {
        api.MapAccountPages();
        api.MapConnectEndpoints();
        api.MapUserEndpoints();
        api.MapRoleEndpoints();
        api.MapClientEndpoints();
        api.MapAccountEndpoints();
        api.MapStatisticsEndpoints();
    }
}
