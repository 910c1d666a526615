using Erp.Kernel;
using Erp.Kernel.Data;
using Erp.Kernel.Modularity;
using Erp.Sample.Application;
using Erp.Sample.Data;
using Erp.Sample.Domain.Currencies;
using Erp.Sample.Domain.ExchangeRates;
using Erp.Sample.ExchangeRates;
using Erp.Sample.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Erp.Sample;

/// <summary>
/// The sample plugin: proves a plugin built apart from the host brings its own entity, schema, migrations,
/// seed data and endpoints, and uses the kernel's building blocks (rules, events, auditing, soft delete,
/// optimistic concurrency).
/// </summary>
public sealed class SampleModule : ErpModule
{
    public override void ConfigureServices(ModuleServices module)
    {
        module.AddDbContext<SampleDbContext>()
            .AddSeeder<CurrencySeeder>()
            .AddDomainEventHandler<CurrencyRenamed, RecordNameChange>();
        module.Services.AddScoped<CurrencyService>().AddScoped<ExchangeRateService>();
        module.Services.AddSingleton(new ExtensibleEntityDefinition(ExchangeRateEntity.Name, "Exchange rate", typeof(ExchangeRate), SampleDbContext.Schema, "exchange_rates",
            SamplePermissions.ExchangeRates.Default, SamplePermissions.ExchangeRates.Manage, [typeof(ExchangeRateDto), typeof(CreateExchangeRateRequest)], DisplayColumn: "currency"));
        module.RequireService<IExtraFields>(providedBy: "the low-code module");
        module.Services.AddValidation();

        foreach (var permission in SamplePermissions.All) module.Permissions.Add(permission);
        foreach (var setting in SampleSettings.All) module.Settings.Add(setting);
        // The menu entries of the sample's screens come from plugin.json ("ui.screens"), beside their elements.
        module.OpenApiTags.Add(new OpenApiTagDefinition("Currencies", "Currencies of the sample plugin."));
        module.OpenApiTags.Add(new OpenApiTagDefinition("Exchange rates", "Each company's exchange rates: company-owned data in the sample plugin."));
    }

    public override void MapEndpoints(IEndpointRouteBuilder api)
    {
        api.MapCurrencyEndpoints();
        api.MapExchangeRateEndpoints();
    }
}
