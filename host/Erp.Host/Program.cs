using Erp.Host.Hosting;
using Erp.Kernel.Hosting;

// `Erp.Host token --user NAME` signs in to a running host and prints an access token, for curl while developing.
if (args is [TokenCommand.Name, ..]) return await TokenCommand.RunAsync(args[1..]);

// `Erp.Host probe [URL]` asks a running instance whether it is ready: the container image's health check.
if (args is [ProbeCommand.Name, ..]) return await ProbeCommand.RunAsync(args[1..]);

// `Erp.Host migrate [--demo-data]` applies every module's migrations and seeds, then exits; `backup` and `restore`
// back up or restore the database and blobs (docs/operations.md); without a command the host serves. All compose the
// same modules and plugins.
var command = HostCommand.Parse(args);
var builder = WebApplication.CreateBuilder(command.ConfigurationArgs);
if (command.Verb is not null) HostCommand.QuietLogging(builder.Configuration);

builder.AddErpLogging();
builder.AddErpErrorTracking();
builder.AddErpTelemetry();
var catalog = builder.AddErpModules(HostModules.All, builder.BootstrapLogger());
builder.RefuseDevelopmentSecrets(catalog);
builder.AddErpWebDefaults(catalog);
builder.Services.RemoveReplacedHostedServices();

var app = builder.Build();
if (command.IsMigrate) return await HostCommand.MigrateAsync(app, command.IncludeDemoData);
if (command.Verb == HostCommand.Backup) return await BackupCommands.BackupAsync(app);
if (command.Verb == HostCommand.Restore) return await BackupCommands.RestoreAsync(app, command);

app.UseErpWebDefaults();
app.UseErpModules();
app.MapErpEndpoints();
await app.RunAsync();
return 0;

/// <summary>Entry point type, public for integration tests (WebApplicationFactory).</summary>
public partial class Program;
