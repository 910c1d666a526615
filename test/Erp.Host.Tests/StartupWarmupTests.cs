using System.Net;
using Erp.Testing;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Shouldly;

namespace Erp.Host.Tests;

/// <summary>Work a library would do before the host serves is done by a start-up warm-up after it started instead.</summary>
public sealed class StartupWarmupTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task DataProtectionsKeyRing_IsNotLoadedBeforeTheHostServes()
    {
        await using var host = new ErpHost(await TestDatabases.CreateMigratedAsync(), [TestPlugins.Sample]);
        using var client = host.CreateClient();
        (await client.GetAsync("/health/ready", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        // Registered again by every AddDataProtection (antiforgery's, authentication's) after the identity module removed it.
        host.Services.GetServices<IHostedService>().Select(s => s.GetType()).ShouldNotContain(t => t.Assembly == typeof(KeyManagementOptions).Assembly);
    }
}
