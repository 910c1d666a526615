using Erp.Kernel;
using Erp.Kernel.Modularity;

namespace Erp.ManyPermissions;

/// <summary>ERP scale for the permission benchmark: 10 areas of 100 permissions each, a parent per area.</summary>
public sealed class ManyPermissionsModule : ErpModule
{
    public const int Areas = 10;
    public const int PerArea = 100;

    public static string Name(int area, int index) => index == 0 ? $"Bench.Area{area}" : $"Bench.Area{area}.Action{index}";

    public override void ConfigureServices(ModuleServices module)
    {
        for (var area = 0; area < Areas; area++)
        {
            for (var index = 0; index < PerArea; index++)
                module.Permissions.Add(new PermissionDefinition(Name(area, index), $"Area {area} action {index}", index == 0 ? null : Name(area, 0)));
            module.Menu.Add(new MenuItemDefinition($"Bench/Area {area}", $"/bench/{area}", Name(area, 0), area));
        }
    }
}
