namespace Erp.Host.Hosting;

/// <summary>
/// <c>Erp.Host probe [URL]</c>: exit code 0 when the instance's readiness answers 200, else 1; for a container's health
/// check, where the runtime image has no curl. Runs before the host is composed, so a probe costs a few milliseconds.
/// </summary>
internal static class ProbeCommand
{
    public const string Name = "probe";

    public static async Task<int> RunAsync(string[] args)
    {
        var url = args is [var given, ..] ? given : "http://127.0.0.1:8080/health/ready";
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(3) };
        try
        {
            using var answer = await http.GetAsync(url);
            Console.WriteLine($"{url}: {(int)answer.StatusCode}");
            return answer.IsSuccessStatusCode ? 0 : 1;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            Console.WriteLine($"{url}: {e.Message}");
            return 1;
        }
    }
}
