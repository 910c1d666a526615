using System.Net;
using Erp.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;

namespace Erp.Host.Tests;

/// <summary>
/// The host builds its endpoints (request delegates, binders, validation, JSON metadata) once, while it starts, and every
/// reader gets those: ASP.NET Core's route data sources would build them again for each (routing, authorization's
/// policy cache, the OpenAPI document), a new instance's start-up work three times over.
/// </summary>
public sealed class EndpointBuildTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task EveryReader_GetsTheSameBuiltEndpoints()
    {
        await using var host = new ErpHost(await TestDatabases.CreateMigratedAsync(), [TestPlugins.Sample]);
        using var client = host.CreateClient();
        (await client.GetAsync("/health/ready", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var application = (CompositeEndpointDataSource)host.Services.GetRequiredService<EndpointDataSource>();
        var listed = application.Endpoints;
        var readAgain = application.DataSources.SelectMany(source => source.Endpoints).ToList();

        listed.ShouldContain(e => e.Metadata.GetMetadata<IEndpointNameMetadata>() != null && e.Metadata.GetMetadata<IEndpointNameMetadata>()!.EndpointName == "ListCurrencies");
        readAgain.Count.ShouldBe(listed.Count);
        for (var i = 0; i < listed.Count; i++) readAgain[i].ShouldBeSameAs(listed[i], listed[i].DisplayName);
    }
}
