using Erp.Kernel;
using Erp.Kernel.Modularity;
using Erp.Kernel.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;

namespace Erp.Faulty;

/// <summary>
/// Fails in the hook named by <c>Faulty:FailIn</c> (<c>ConfigureServices</c> or <c>Initialize</c>), or with
/// <c>Faulty:FailIn=Settings</c> defines a setting a built-in module defines; otherwise
/// serves <c>/api/faulty/ping</c> and <c>/api/faulty/boom</c>, which throws an unexpected exception. It defines a
/// permission, a setting and a menu entry, so tests can see a failed plugin's definitions go.
/// </summary>
public sealed class FaultyModule : ErpModule
{
    public const string PingPermission = "Faulty.Ping";
    public const string GreetingSetting = "Faulty.Greeting";

    private string? _failIn;

    public override void ConfigureServices(ModuleServices module)
    {
        _failIn = module.Configuration["Faulty:FailIn"];
        if (_failIn == "ConfigureServices") throw new InvalidOperationException("Faulty plugin fails in ConfigureServices");
        if (_failIn == "Settings") module.Settings.Add(new SettingDefinition("AuditLogging.RetentionDays", "Retention, again", SettingType.WholeNumber));
        module.Permissions.Add(new PermissionDefinition(PingPermission, "Ping the faulty plugin"));
        module.Settings.Add(new SettingDefinition(GreetingSetting, "Greeting", SettingType.Text) { DefaultValue = "pong", Group = "Faulty" });
        module.Menu.Add(new MenuItemDefinition("Faulty/Ping", "/faulty/ping", PingPermission));
    }

    public override void MapEndpoints(IEndpointRouteBuilder api)
    {
        var faulty = api.MapGroup("/api/faulty").WithTags("Faulty");
        faulty.MapGet("/ping", () => TypedResults.Ok("pong")).WithName("FaultyPing").RequirePermission(PingPermission);
        faulty.MapGet("/boom", string () => throw new InvalidOperationException("Connection password=hunter2 leaked in a message"))
            .WithName("FaultyBoom");
    }

    public override Task InitializeAsync(IServiceProvider services, CancellationToken cancellationToken) =>
        _failIn == "Initialize" ? throw new InvalidOperationException("Faulty plugin fails in InitializeAsync") : Task.CompletedTask;
}
