using Microsoft.Extensions.Primitives;

namespace Erp.Host.Hosting;

/// <summary>
/// Builds the host's endpoints once, on a worker thread while the modules start, instead of on the first request.
/// ASP.NET Core's route data sources build their endpoints (request delegates, parameter binders, validation, JSON
/// metadata for every request and response type) each time their <c>Endpoints</c> are read, and three readers do so at
/// start: the routing middleware on the first request, the authorization middleware's policy cache, and the OpenAPI
/// document or link generation. A source is built again only when its change token says it changed.
/// </summary>
internal static class BuiltOnceEndpoints
{
    public static void BuildEndpointsOnce(this IEndpointRouteBuilder endpoints)
    {
        var sources = endpoints.DataSources.Select(source => new BuiltOnce(source)).ToList();
        endpoints.DataSources.Clear();
        foreach (var source in sources) endpoints.DataSources.Add(source);
        _ = Task.Run(() =>
        {
            foreach (var source in sources) _ = source.Endpoints;
        });
    }

    private sealed class BuiltOnce(EndpointDataSource source) : EndpointDataSource
    {
        private readonly Lock _lock = new();
        private IReadOnlyList<Endpoint>? _endpoints;
        private IChangeToken? _builtUnder;

        public override IReadOnlyList<Endpoint> Endpoints
        {
            get
            {
                lock (_lock)
                {
                    if (_endpoints is null || _builtUnder!.HasChanged)
                    {
                        _builtUnder = source.GetChangeToken();
                        _endpoints = source.Endpoints;
                    }

                    return _endpoints;
                }
            }
        }

        public override IChangeToken GetChangeToken() => source.GetChangeToken();
    }
}
