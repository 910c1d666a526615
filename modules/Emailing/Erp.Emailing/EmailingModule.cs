using Erp.Emailing.Application;
using Erp.Kernel.Modularity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Erp.Emailing;

/// <summary>
/// Emailing: the <see cref="IEmailSender"/> other modules send through. SMTP when <c>Emailing:Smtp:Host</c> is set,
/// which outside Development it must be; the pickup folder only in Development without it.
/// </summary>
public sealed class EmailingModule : ErpModule
{
    public override void ConfigureServices(ModuleServices module)
    {
        module.Services.AddOptions<EmailingOptions>().BindConfiguration(EmailingOptions.Section);
        module.RequireSecret(SmtpOptions.HostKey);
        if (!string.IsNullOrEmpty(module.Configuration[SmtpOptions.HostKey]))
            module.Services.AddSingleton<IEmailSender, SmtpEmailSender>();
        else if (module.Environment.IsDevelopment())
            module.Services.AddSingleton<IEmailSender, PickupDirectoryEmailSender>();
    }
}
