using Erp.Emailing.Application;
using Erp.Emailing.Data;
using Erp.Emailing.Http;
using Erp.Kernel;
using Erp.Kernel.Modularity;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Erp.Emailing;

/// <summary>
/// Emailing: mail modules request with their changes (<see cref="EmailRequestedIntegrationEvent"/>), rendered from the
/// templates they declare (<see cref="EmailTemplateDefinition"/>, Liquid, overridable), queued on the outbox, sent once
/// over the SMTP relay the settings name, with a visible state per message.
/// </summary>
[DependsOn("Erp.Messaging", "Erp.Settings", "Erp.BlobStoring")]
public sealed class EmailingModule : ErpModule
{
    public const string DefaultFrom = "Erp <no-reply@localhost>";

    public override void ConfigureServices(ModuleServices module)
    {
        module.AddJsonTypes(EmailingJsonContext.Default);
        module.Services.AddOptions<EmailingOptions>().BindConfiguration(EmailingOptions.Section);
        module.AddDbContext<EmailingDbContext>()
            .AddIntegrationEventHandler<EmailRequestedIntegrationEvent, SendRequestedEmail>();
        module.Services.AddSingleton(BuiltInTemplates.Layout).AddSingleton(BuiltInTemplates.Test)
            .AddSingleton<EmailRenderer>()
            .AddSingleton<PickupDirectoryEmailSender>()
            .AddScoped<IEmailSender, SmtpEmailSender>()
            .AddScoped<EmailTemplates>()
            .AddScoped<EmailTemplateService>()
            .AddScoped<EmailMessageService>()
            .AddValidation();

        foreach (var permission in EmailingPermissions.All) module.Permissions.Add(permission);
        foreach (var setting in Settings) module.Settings.Add(setting);
        module.Menu.Add(new MenuItemDefinition("Administration/Email", "/admin/email", EmailingPermissions.Default, Order: 75));
        module.OpenApiTags.Add(new OpenApiTagDefinition("Emailing", "Mail templates, their previews and overrides, and the state of requested mail."));
    }

    public override void MapEndpoints(IEndpointRouteBuilder api) => api.MapEmailingEndpoints();

    private static IEnumerable<SettingDefinition> Settings =>
    [
        new(EmailingSettings.From, "Sender") { Group = EmailingSettings.Group, DefaultValue = DefaultFrom, Description = "The From of every mail: an address, or a name and an address." },
        new(EmailingSettings.SmtpHost, "SMTP relay") { Group = EmailingSettings.Group, Description = "The relay mail is handed to. Without it, mail waits (and in Development goes to a folder)." },
        new(EmailingSettings.SmtpPort, "SMTP port", SettingType.WholeNumber) { Group = EmailingSettings.Group, DefaultValue = "587", Minimum = 1, Maximum = 65535 },
        new(EmailingSettings.SmtpSecurity, "Connection security", SettingType.Choice)
        {
            Group = EmailingSettings.Group, DefaultValue = nameof(SmtpSecurity.StartTls), Choices = Enum.GetNames<SmtpSecurity>(),
            Description = "StartTls (port 587), SslOnConnect (port 465), or None for a relay on the local network only.",
        },
        new(EmailingSettings.SmtpUserName, "SMTP user name") { Group = EmailingSettings.Group, Description = "Signs in to the relay when set." },
        new(EmailingSettings.SmtpPassword, "SMTP password", SettingType.Secret) { Group = EmailingSettings.Group },
    ];
}
