using System.Diagnostics;
using System.Text.Json;
using Erp.Testing;
using Shouldly;

namespace Erp.Host.Tests;

/// <summary>
/// The Prometheus set-up in <c>etc/prometheus/</c> as Prometheus's own checker reads it: the scrape configuration and the
/// alert rules are valid, and every alert fires on the series it watches and stays quiet below its threshold
/// (<c>alerts.test.yml</c>, <c>promtool test rules</c>). The metric names there are those <c>TelemetryTests</c> reads.
/// The Grafana dashboard (<c>etc/grafana/</c>) queries in PromQL that promtool accepts, each panel through the dashboard's
/// data source variable.
/// </summary>
public sealed class PrometheusRulesTests
{
    private static string Folder => Path.Combine(RepositoryRoot.Path, "etc", "prometheus");

    [Theory]
    [InlineData("check", "config", "prometheus.yml")]
    [InlineData("check", "rules", "alerts.yml")]
    [InlineData("test", "rules", "alerts.test.yml")]
    public async Task Promtool_Accepts(string command, string subject, string file)
    {
        var promtool = (await RunAsync("bash", Path.Combine(RepositoryRoot.Path, "etc", "local", "promtool.sh"))).Output.Trim();
        var (exitCode, output) = await RunAsync(promtool, command, subject, file);
        exitCode.ShouldBe(0, output);
    }

    [Fact]
    public async Task TheGrafanaDashboard_QueriesInValidPromQl_ThroughItsDataSourceVariable()
    {
        using var dashboard = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(RepositoryRoot.Path, "etc", "grafana", "erp-overview.json"), TestContext.Current.CancellationToken));
        var panels = dashboard.RootElement.GetProperty("panels").EnumerateArray().Where(p => p.GetProperty("type").GetString() != "row").ToList();
        panels.Count.ShouldBeGreaterThan(10);
        var queries = new List<string>();
        foreach (var panel in panels)
        {
            panel.GetProperty("datasource").GetProperty("uid").GetString().ShouldBe("${datasource}", panel.GetProperty("title").GetString());
            queries.AddRange(panel.GetProperty("targets").EnumerateArray().Select(t => t.GetProperty("expr").GetString()!));
        }

        // promtool checks PromQL inside rule files: each query as a recording rule (JSON is YAML).
        var rules = Path.Combine(Path.GetTempPath(), $"erp-dashboard-{Guid.NewGuid():N}.rules.json");
        await File.WriteAllTextAsync(rules, JsonSerializer.Serialize(new
        {
            groups = new[] { new { name = "dashboard", rules = queries.Select((q, i) => new { record = $"dashboard:query_{i}", expr = q }) } },
        }), TestContext.Current.CancellationToken);
        try
        {
            var promtool = (await RunAsync("bash", Path.Combine(RepositoryRoot.Path, "etc", "local", "promtool.sh"))).Output.Trim();
            var (exitCode, output) = await RunAsync(promtool, "check", "rules", rules);
            exitCode.ShouldBe(0, output);
            output.ShouldContain($"SUCCESS: {queries.Count} rules found");
        }
        finally
        {
            File.Delete(rules);
        }
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program, args) { WorkingDirectory = Folder, RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var errors = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        if (program == "bash" && process.ExitCode != 0) throw new InvalidOperationException($"No promtool: {await errors}");
        return (process.ExitCode, await output + await errors);
    }
}
