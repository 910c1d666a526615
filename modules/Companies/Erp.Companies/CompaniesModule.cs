using Erp.BlobStoring;
using Erp.Companies.Application;
using Erp.Companies.Data;
using Erp.Companies.Http;
using Erp.Kernel;
using Erp.Kernel.Modularity;
using Erp.Kernel.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Erp.Companies;

/// <summary>
/// Companies: the legal entities, who works in which (and on which of their teams), and each request's company, which the kernel's company filter and
/// stamps on company-owned data (<see cref="Erp.Kernel.Domain.ICompanyOwned"/>) read through <see cref="ICurrentCompany"/>.
/// </summary>
[DependsOn("Erp.Caching", "Erp.Permissions", "Erp.BlobStoring")]
public sealed class CompaniesModule : ErpModule
{
    public override void ConfigureServices(ModuleServices module)
    {
        module.AddJsonTypes(CompaniesJsonContext.Default);
        module.AddDbContext<CompaniesDbContext>().AddSeeder<CompanySeeder>();
        module.Services.AddSingleton<CallerCompanies>()
            .AddScoped<ICurrentCompany, HttpCurrentCompany>()
            .AddScoped<CompanyService>()
            .AddSingleton<TeamDirectory>()
            .AddSingleton<ITeamDirectory>(services => services.GetRequiredService<TeamDirectory>())
            .AddScoped<TeamService>()
            .AddScoped<ICompanyDirectory, CompanyDirectory>()
            .AddValidation();
        module.RequireService<IPermissionChecker>(providedBy: "the permissions module");

        module.Services.AddSingleton(new AttachableEntityDefinition("companies", CompaniesPermissions.Default, CompaniesPermissions.Manage,
            (services, id, ct) => services.GetRequiredService<CompanyService>().IsCurrentAsync(id, ct)));

        foreach (var permission in CompaniesPermissions.All) module.Permissions.Add(permission);
        module.Menu.Add(new MenuItemDefinition("Administration/Companies", "/admin/companies", CompaniesPermissions.Default, Order: 20));
        module.Menu.Add(new MenuItemDefinition("Administration/Teams", "/admin/teams", CompaniesPermissions.Teams, Order: 21));
        module.OpenApiTags.Add(new OpenApiTagDefinition("Companies", "The legal entities of the installation and who works in which."));
        module.OpenApiTags.Add(new OpenApiTagDefinition("Teams", "The teams of a company and who is on them."));
    }

    /// <summary>After authentication, before any endpoint reads company-owned data.</summary>
    public override void ConfigureMiddleware(IApplicationBuilder app) => app.UseMiddleware<CurrentCompanyMiddleware>();

    public override void MapEndpoints(IEndpointRouteBuilder api)
    {
        api.MapCompanyEndpoints();
        api.MapTeamEndpoints();
    }
}
