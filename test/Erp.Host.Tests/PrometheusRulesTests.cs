using System.Diagnostics;
using Erp.Testing;
using Shouldly;

namespace Erp.Host.Tests;

/// <summary>
/// The Prometheus set-up in <c>etc/prometheus/</c> as Prometheus's own checker reads it: the scrape configuration and the
/// alert rules are valid, and every alert fires on the series it watches and stays quiet below its threshold
/// (<c>alerts.test.yml</c>, <c>promtool test rules</c>). The metric names there are those <c>TelemetryTests</c> reads.
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
