using Erp.Emailing.Application;
using Erp.Kernel.Modularity;
using Microsoft.Extensions.DependencyInjection;

namespace Erp.Emailing;

/// <summary>Emailing: the <see cref="IEmailSender"/> other modules send through.</summary>
public sealed class EmailingModule : ErpModule
{
    public override void ConfigureServices(ModuleServices module)
    {
        module.Services.AddOptions<PickupDirectoryOptions>().BindConfiguration(PickupDirectoryOptions.Section);
        module.Services.AddSingleton<IEmailSender, PickupDirectoryEmailSender>();
    }
}
