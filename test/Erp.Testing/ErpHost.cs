using System.Net.Http.Json;
using Erp.Caching;
using Erp.Kernel.Data;
using Shouldly;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Erp.Testing;

/// <summary>
/// The real host (its <c>Program</c>), in the Production environment unless told otherwise, on a database of
/// the test server, with a plugins folder of its own holding copies of the chosen test plugins.
/// </summary>
public sealed class ErpHost : WebApplicationFactory<Program>
{
    private readonly string _environment;
    private readonly Dictionary<string, string?> _settings;

    public ErpHost(string database, IEnumerable<string> plugins, string environment = "Production", IDictionary<string, string?>? settings = null)
    {
        _environment = environment;
        PluginsPath = TestPlugins.CreateFolder(plugins);
        MailSender = settings?.TryGetValue(MailSenderSetting, out var sender) == true && sender is not null
            ? sender : $"no-reply-{Guid.NewGuid():N}@erp.test";
        _settings = new Dictionary<string, string?>
        {
            [$"ConnectionStrings:{ErpDbContextOptions.ConnectionStringName}"] = PostgresServer.For(database),
            // Every host uses Redis, as production does; hosts on one database share keys, as instances do.
            ["ConnectionStrings:Redis"] = RedisServer.Configuration,
            [CachingModule.KeyPrefixSetting] = $"erp:{database}:",
            ["Plugins:Path"] = PluginsPath,
            // Blob containers on the file system unless a test chooses S3; instances of one database share the folder.
            ["BlobStoring:FileSystem:Path"] = BlobsPathOf(database),
            // Host logs would drown the test report; failures show in assertions.
            ["Serilog:MinimumLevel:Default"] = "Fatal",
            ["Serilog:MinimumLevel:Override:Microsoft.AspNetCore"] = "Fatal",
            ["Serilog:MinimumLevel:Override:Microsoft.EntityFrameworkCore"] = "Fatal",
            // Except an unexpected 500, logged with its exception (and kept for the assertion that meets it: UnexpectedErrors).
            ["Serilog:MinimumLevel:Override:Erp.Kernel.Http.ErpExceptionHandler"] = "Error",
            // Production needs real keys: a certificate made for this test run.
            ["Identity:Keys:SigningCertificate"] = TestCertificates.Pfx,
            ["Identity:Keys:EncryptionCertificate"] = TestCertificates.Pfx,
            ["Identity:Admin:UserName"] = Admin,
            ["Identity:Admin:Email"] = "admin@erp.test",
            ["Identity:Admin:Password"] = AdminPassword,
            ["Identity:PublicOrigin"] = "https://localhost",
            ["Identity:Spa:RedirectUris:0"] = OidcFlow.RedirectUri,
            ["Identity:Spa:PostLogoutRedirectUris:0"] = OidcFlow.PostLogoutRedirectUri,
            // Mail goes to the SMTP capture server, as production's goes to a relay; the sender tells hosts' mail apart.
            [MailSenderSetting] = MailSender,
            [SmtpHostSetting] = SmtpCapture.Host,
            ["Settings:Emailing:Smtp:Port"] = SmtpCapture.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Settings:Emailing:Smtp:Security"] = "None",
            // Tests sign in often from one address; the rate-limit tests set their own limits.
            ["RateLimiting:Authentication:PermitLimit"] = "10000",
            ["RateLimiting:Token:PermitLimit"] = "10000",
            ["RateLimiting:PerUserName:PermitLimit"] = "10000",
            // No load balancer to drain from: a test host stops at once (GracefulShutdownTests sets its own).
            ["Shutdown:DrainSeconds"] = "0",
            ["BackgroundJobs:StartDelay"] = "00:00:00", // no first requests to give way to: jobs run as soon as the host has started
            // Many hosts share this process: a release would collect all of them (StartupMemoryTests turns it on).
            ["StartupMemory:Release"] = "false",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) _settings[key] = value;
    }

    /// <summary>The first administrator every test database is seeded with; the password is new each test run.</summary>
    public const string Admin = "admin";
    public static string AdminPassword { get; } = "Adm-" + Guid.NewGuid().ToString("N");

    /// <summary>The folder file-system blob containers of hosts on <paramref name="database"/> keep their files in.</summary>
    public static string BlobsPathOf(string database) => Path.Combine(Path.GetTempPath(), "erp-test-blobs", database);

    /// <summary>The host's own plugins folder; tests may add plugin folders before the host starts.</summary>
    public string PluginsPath { get; }

    /// <summary>The address this host sends mail from (the setting <c>Emailing.From</c>), unique per host unless a test shares it.</summary>
    public string MailSender { get; }

    public const string MailSenderSetting = "Settings:Emailing:From";

    /// <summary>The relay, preset by configuration as an operator may (administrators may change it in the settings).</summary>
    public const string SmtpHostSetting = "Settings:Emailing:Smtp:Host";

    /// <summary>A client that keeps cookies and does not follow redirects, over HTTPS as production requires.</summary>
    public HttpClient CreateBrowser()
    {
        var browser = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true, BaseAddress = new Uri("https://localhost") });
        browser.DefaultRequestHeaders.UserAgent.ParseAdd(BrowserUserAgent);
        return browser;
    }

    public const string BrowserUserAgent = "ErpTests/1.0";

    /// <summary>
    /// Creates a user through the admin API the way an administrator does, then sets their password through the
    /// link in the welcome mail. Returns the user's id.
    /// </summary>
    public async Task<Guid> CreateUserAsync(HttpClient admin, string userName, string password, params string[] roles)
    {
        var email = $"{userName}@erp.test";
        var created = await admin.PostAsJsonAsync("/api/identity/users", new { userName, email, roles });
        created.StatusCode.ShouldBe(System.Net.HttpStatusCode.Created, await created.DescribeAsync());
        var id = (await created.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("id").GetGuid();

        var page = await new OidcFlow(CreateBrowser()).SubmitFormAsync(await Mailbox.NextLinkAsync(MailSender, email, seen: 0),
            new() { ["password"] = password, ["confirmPassword"] = password });
        (await page.Content.ReadAsStringAsync()).ShouldContain("Your password is changed");
        return id;
    }

    /// <summary>Signs in as <paramref name="userName"/> through the SPA's code + PKCE flow and returns a client sending the access token.</summary>
    public async Task<HttpClient> CreateSignedInClientAsync(string userName = Admin, string? password = null)
    {
        var tokens = await new OidcFlow(CreateBrowser()).SignInAsync(userName, password ?? AdminPassword);
        return CreateApiClient(tokens.AccessToken);
    }

    /// <summary>A client calling the API over HTTPS with <paramref name="accessToken"/> as its bearer token.</summary>
    public HttpClient CreateApiClient(string accessToken)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost") });
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", accessToken);
        return client;
    }

    /// <summary>
    /// Starts this host's configuration as a separate process (which this factory does not start), on a free port or on
    /// <paramref name="port"/> (an instance coming back where its load balancer expects it).
    /// </summary>
    public HostProcess StartProcess(int? port = null) => new(_environment, _settings, port);

    /// <summary>Runs <c>Erp.Host</c> with a command (<c>migrate</c>) and this host's configuration, in a process of its own.</summary>
    public Task<(int ExitCode, string Output)> RunCommandAsync(params string[] args) => HostProcess.RunAsync(_environment, _settings, args);

    /// <summary>Runs a command of the host as a process, typing <paramref name="input"/> into it.</summary>
    public Task<(int ExitCode, string Output)> RunCommandWithInputAsync(string input, params string[] args) => HostProcess.RunAsync(_environment, _settings, args, input);

    /// <summary>Applies every module's migrations and seeders with the host's own migrator.</summary>
    public Task MigrateAsync(bool includeDemoData = false) =>
        Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(includeDemoData, _ => { }, CancellationToken.None);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(_environment);
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
        builder.ConfigureServices(services => services.PostConfigure<ProblemDetailsOptions>(options =>
        {
            var customize = options.CustomizeProblemDetails;
            options.CustomizeProblemDetails = context =>
            {
                customize?.Invoke(context);
                UnexpectedErrors.Record(context);
            };
        }));
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        try { Directory.Delete(PluginsPath, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

/// <summary>The plugins built for tests, copied by the build into <c>TestPlugins/</c> beside the test binaries.</summary>
public static class TestPlugins
{
    public const string Sample = "Erp.Sample";
    public const string Faulty = "Erp.Faulty";
    public const string EventProbe = "Erp.EventProbe";
    public const string Catalog = "Erp.Catalog";
    public const string Inventory = "Erp.Inventory";
    public const string Sales = "Erp.Sales";
    public const string Invoicing = "Erp.Invoicing";

    public static string BuiltFolder(string plugin) => Path.Combine(AppContext.BaseDirectory, "TestPlugins", plugin);

    public static string CreateFolder(IEnumerable<string> plugins)
    {
        var folder = Path.Combine(Path.GetTempPath(), "erp-plugins-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        foreach (var plugin in plugins) CopyPlugin(plugin, Path.Combine(folder, plugin));
        return folder;
    }

    public static void CopyPlugin(string plugin, string destination)
    {
        var source = BuiltFolder(plugin);
        if (!Directory.Exists(source)) throw new InvalidOperationException($"Test plugin {plugin} was not built into {source}.");
        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(destination, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy, overwrite: true);
        }
    }
}
