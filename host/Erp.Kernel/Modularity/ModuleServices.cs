using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Erp.Kernel.Data;
using Erp.Kernel.Domain;
using Erp.Kernel.Http;
using Erp.Kernel.Jobs;
using Erp.Kernel.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace Erp.Kernel.Modularity;

/// <summary>
/// What a module contributes, registered explicitly in <see cref="ErpModule.ConfigureServices"/>: services,
/// its DbContext, seeders, domain event handlers, the secrets production needs, and the definitions other
/// modules read (permissions, settings, menu, OpenAPI tags).
/// </summary>
public sealed class ModuleServices(IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
{
    private readonly List<Type> _dbContexts = [];
    private readonly List<Type> _seeders = [];
    private readonly List<RequiredSecret> _secrets = [];
    private readonly List<IntegrationEventHandlerRegistration> _integrationEventHandlers = [];
    private readonly List<RecurringJobRegistration> _recurringJobs = [];
    private readonly List<RequiredService> _requiredServices = [];

    public IServiceCollection Services { get; } = services;
    public IConfiguration Configuration { get; } = configuration;
    public IHostEnvironment Environment { get; } = environment;

    public ICollection<PermissionDefinition> Permissions { get; } = new List<PermissionDefinition>();
    public ICollection<SettingDefinition> Settings { get; } = new List<SettingDefinition>();
    public ICollection<MenuItemDefinition> Menu { get; } = new List<MenuItemDefinition>();
    public ICollection<OpenApiTagDefinition> OpenApiTags { get; } = new List<OpenApiTagDefinition>();

    /// <summary>
    /// Registers the module's DbContext on the shared PostgreSQL data source, in the context's own schema.
    /// Contexts are leased from a pool: building one (its options, EF Core's internal services, a connection
    /// object) cost more CPU than the query itself on the authenticated read path (docs/platform-core.md). While the
    /// scope's <see cref="UnitOfWork"/> runs, the context works on its connection and transaction, and leaves them after.
    /// The same context on the read replica is registered under <see cref="ReadReplica.Key"/>.
    /// </summary>
    public ModuleServices AddDbContext<TContext>() where TContext : ModuleDbContext<TContext>, IModuleDbContext
    {
        Services.AddSingleton(provider => new PooledDbContextFactory<TContext>(ContextOptions<TContext>(provider,
            options => ErpDbContextOptions.Configure<TContext>(options, provider.GetRequiredService<NpgsqlDataSource>()))));
        Services.AddScoped(provider =>
        {
            var context = provider.GetRequiredService<PooledDbContextFactory<TContext>>().CreateDbContext();
            context.BeginScope(provider);
            return context;
        });
        Services.AddKeyedSingleton(ReadReplica.Key, (provider, _) => new PooledDbContextFactory<TContext>(ContextOptions<TContext>(provider,
            options => ErpDbContextOptions.Configure<TContext>(options, provider.GetRequiredKeyedService<NpgsqlDataSource>(ReadReplica.Key))
                .UseQueryTrackingBehavior(QueryTrackingBehavior.NoTracking))));
        Services.AddKeyedScoped(ReadReplica.Key, (provider, _) =>
        {
            var context = provider.GetRequiredKeyedService<PooledDbContextFactory<TContext>>(ReadReplica.Key).CreateDbContext();
            context.BeginReadScope(provider);
            return context;
        });
        _dbContexts.Add(typeof(TContext));
        return this;
    }

    private static DbContextOptions<TContext> ContextOptions<TContext>(IServiceProvider provider, Action<DbContextOptionsBuilder> useProvider)
        where TContext : DbContext
    {
        var options = new DbContextOptionsBuilder<TContext>();
        useProvider(options);
        options.AddInterceptors(provider.GetRequiredService<ErpSaveChangesInterceptor>());
        if (CompanyRowSecurity.IsEnabled(provider.GetRequiredService<IConfiguration>()))
            options.AddInterceptors(provider.GetRequiredService<CompanyRowSecurityInterceptor>(), provider.GetRequiredService<CompanyRowSecuritySaveInterceptor>());
        return options.Options;
    }

    /// <inheritdoc cref="EndpointJson.AddJsonTypes"/>
    public ModuleServices AddJsonTypes(IJsonTypeInfoResolver types)
    {
        Services.AddJsonTypes(types);
        return this;
    }

    /// <summary>Registers a seeder the migrator runs after all migrations, in module order.</summary>
    public ModuleServices AddSeeder<TSeeder>() where TSeeder : class, IDataSeeder
    {
        Services.AddScoped<TSeeder>();
        _seeders.Add(typeof(TSeeder));
        return this;
    }

    /// <summary>Registers a handler that runs inside the save that raised <typeparamref name="TEvent"/>.</summary>
    public ModuleServices AddDomainEventHandler<TEvent, THandler>()
        where TEvent : IDomainEvent where THandler : class, IDomainEventHandler<TEvent>
    {
        Services.AddScoped<IDomainEventHandler<TEvent>, THandler>();
        return this;
    }

    /// <summary>
    /// Registers a handler for an integration event any module or plugin publishes. Deliveries are stored under
    /// the handler's type name: renaming the type strands deliveries still pending for the old name.
    /// </summary>
    public ModuleServices AddIntegrationEventHandler<TEvent, THandler>()
        where TEvent : IIntegrationEvent where THandler : class, IIntegrationEventHandler<TEvent>
    {
        Services.AddScoped<THandler>();
        _integrationEventHandlers.Add(new IntegrationEventHandlerRegistration(
            typeof(TEvent), IntegrationEventRegistry.NameOf(typeof(TEvent)), typeof(THandler).FullName!,
            static (services, e, context, ct) => services.GetRequiredService<THandler>().HandleAsync((TEvent)e, context, ct)));
        return this;
    }

    // What automations' templates read of an event: its properties in camel case, enums by their names.
    private static readonly JsonSerializerOptions RecordEventJson = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    /// <summary>
    /// Declares that <typeparamref name="TEvent"/> is an event of a row of the extensible entity <paramref name="entity"/>
    /// (<paramref name="row"/> says which row, of which company): administrators' automations on the entity may run on it
    /// (<see cref="IRecordEventAutomations"/>, the low-code engine), with the event's properties in their templates.
    /// </summary>
    public ModuleServices AddRecordEvent<TEvent>(string entity, string name, string label, Func<TEvent, (Guid RecordId, Guid CompanyId)> row)
        where TEvent : IIntegrationEvent
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(entity);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(row);
        Services.AddSingleton(new RecordEventDefinition(entity, name, label));
        // A handler of its own per record event, stored under the entity's and the event's names.
        _integrationEventHandlers.Add(new IntegrationEventHandlerRegistration(
            typeof(TEvent), IntegrationEventRegistry.NameOf(typeof(TEvent)), $"{typeof(IRecordEventAutomations).FullName}/{entity}/{name}",
            (services, e, context, ct) =>
            {
                var (recordId, companyId) = row((TEvent)e);
                var data = JsonSerializer.SerializeToElement(e, typeof(TEvent), RecordEventJson);
                return services.GetRequiredService<IRecordEventAutomations>().OccurredAsync(new RecordEventOccurrence(entity, name, recordId, companyId, data), ct);
            }));
        return RequireService<IRecordEventAutomations>("the low-code module");
    }

    /// <summary>Registers a job the background jobs module runs on <paramref name="cron"/> (UTC), once per occurrence across instances.</summary>
    public ModuleServices AddRecurringJob<TJob>(string id, string cron) where TJob : class, IRecurringJob
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentException.ThrowIfNullOrWhiteSpace(cron);
        Services.AddScoped<TJob>();
        _recurringJobs.Add(new RecurringJobRegistration(id, cron, static (services, ct) => services.GetRequiredService<TJob>().RunAsync(ct)));
        return this;
    }

    /// <summary>
    /// Declares a configuration value outside Development cannot run without: the host refuses to start
    /// when it is missing or <paramref name="isDevelopmentValue"/> says it is a development value.
    /// </summary>
    public ModuleServices RequireSecret(string key, Func<string, bool>? isDevelopmentValue = null)
    {
        _secrets.Add(new RequiredSecret(key, isDevelopmentValue ?? (_ => false)));
        return this;
    }

    /// <summary>
    /// Declares a service this module uses and another module implements (a port declared in this module's Contracts).
    /// Once every module is configured, start-up stops if nobody registered it, naming <paramref name="providedBy"/>,
    /// rather than the first request that needs it failing.
    /// </summary>
    public ModuleServices RequireService<TService>(string providedBy) where TService : class
    {
        _requiredServices.Add(new RequiredService(typeof(TService), providedBy));
        return this;
    }

    internal ModuleDescriptor Describe(ErpModule module, bool isPlugin) => new(
        module, isPlugin, [.. Permissions], [.. Settings], [.. Menu], [.. OpenApiTags], [.. _dbContexts], [.. _seeders], [.. _secrets],
        [.. _integrationEventHandlers], [.. _recurringJobs], [.. _requiredServices]);
}

/// <summary>A service a module uses and another implements, and who is expected to.</summary>
public sealed record RequiredService(Type Service, string ProvidedBy);

/// <summary>A configuration value production needs, and how to recognise a development value of it.</summary>
public sealed record RequiredSecret(string Key, Func<string, bool> IsDevelopmentValue);
