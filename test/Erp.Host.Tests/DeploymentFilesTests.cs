using System.Text.RegularExpressions;
using Erp.Testing;
using Shouldly;
using YamlDotNet.RepresentationModel;

namespace Erp.Host.Tests;

/// <summary>
/// The deployment files as far as this machine can check them (no Docker engine, no helm): the Helm chart's templates
/// render to YAML (template actions stood in for) with the probes, security and migration hook production needs; the
/// compose stack and the workflows parse and hold what they promise; the Dockerfile runs as a non-root user with a health
/// check.
/// </summary>
public sealed partial class DeploymentFilesTests
{
    private static string Root => RepositoryRoot.Path;

    [Fact]
    public void TheHelmChart_RendersToKubernetesObjects_WithProbesSecurityAndMigrationsFirst()
    {
        var objects = Directory.GetFiles(Path.Combine(Root, "etc", "helm", "erp", "templates"), "*.yaml")
            .SelectMany(file => Parse(Render(File.ReadAllText(file)), file)).ToDictionary(o => Scalar(o, "kind"));
        objects.Keys.Order().ShouldBe(["ConfigMap", "Deployment", "HorizontalPodAutoscaler", "Job", "PodDisruptionBudget", "Service"]);

        var pod = Map(Map(Map(objects["Deployment"], "spec"), "template"), "spec");
        var container = (YamlMappingNode)((YamlSequenceNode)pod.Children["containers"]).Children[0];
        Scalar(Map(Map(container, "readinessProbe"), "httpGet"), "path").ShouldBe("/health/ready");
        Scalar(Map(Map(container, "livenessProbe"), "httpGet"), "path").ShouldBe("/health/live");
        Scalar(Map(Map(container, "startupProbe"), "httpGet"), "path").ShouldBe("/health/startup");
        Scalar(Map(container, "securityContext"), "readOnlyRootFilesystem").ShouldBe("true");
        Scalar(Map(pod, "securityContext"), "runAsNonRoot").ShouldBe("true");
        ((YamlSequenceNode)container.Children["envFrom"]).Children.Cast<YamlMappingNode>().ShouldContain(e => e.Children.ContainsKey("secretRef"),
            "secrets come from an existing Secret");
        var env = ((YamlSequenceNode)container.Children["env"]).Children.Cast<YamlMappingNode>().ToDictionary(e => Scalar(e, "name"));
        Scalar(env["BackgroundJobs__WorkerCount"], "value").ShouldBe("0", "with workers.dedicated, the pods that serve requests run no jobs");
        Scalar(env["Messaging__Concurrency"], "value").ShouldBe("0", "and deliver no integration events");
        var replica = env["ConnectionStrings__ErpReadReplica"];
        Map(Map(replica, "valueFrom"), "secretKeyRef").Children.Keys.Select(k => k.ToString()).ShouldBe(["name", "key"], "the read replica's, from a Secret");

        var job = objects["Job"];
        Scalar(Map(Map(job, "metadata"), "annotations"), "helm.sh/hook").ShouldBe("pre-install,pre-upgrade");
        var migrate = (YamlMappingNode)((YamlSequenceNode)Map(Map(Map(job, "spec"), "template"), "spec").Children["containers"]).Children[0];
        ((YamlSequenceNode)migrate.Children["args"]).Children.Select(a => a.ToString()).ShouldBe(["migrate"]);
        Scalar(Map(objects["PodDisruptionBudget"], "spec"), "minAvailable").ShouldNotBeNullOrEmpty();

        var values = Parse(File.ReadAllText(Path.Combine(Root, "etc", "helm", "erp", "values.yaml")), "values.yaml").Single();
        values.Children.Keys.Select(k => k.ToString()).ShouldContain("existingSecret");
        File.ReadAllText(Path.Combine(Root, "etc", "helm", "erp", "values.yaml")).ShouldNotMatch(@"(?i)password\s*:\s*\S", "no secret in the chart's values");
    }

    [Fact]
    public void TheComposeStack_RunsMigrationsBeforeTwoInstancesBehindNginx_WithEverySecretFromTheEnvironment()
    {
        var text = File.ReadAllText(Path.Combine(Root, "etc", "compose", "compose.yaml"));
        var services = Map(Parse(text, "compose.yaml").Single(), "services");
        services.Children.Keys.Select(k => k.ToString()).Order()
            .ShouldBe(["erp-1", "erp-2", "migrate", "minio", "minio-bucket", "nginx", "postgres", "prometheus", "redis", "smtp"]);
        foreach (var instance in new[] { "erp-1", "erp-2" })
            Scalar(Map(Map(Map(services, instance), "depends_on"), "migrate"), "condition").ShouldBe("service_completed_successfully");
        SecretValues().Matches(text).Select(m => m.Groups["value"].Value).ShouldAllBe(v => v.StartsWith("${", StringComparison.Ordinal));
    }

    [Fact]
    public void TheWorkflows_TestWithTheCiScript_ThenPublishAndDeploy()
    {
        var workflow = Parse(File.ReadAllText(Path.Combine(Root, ".github", "workflows", "ci.yml")), "ci.yml").Single();
        var jobs = Map(workflow, "jobs");
        jobs.Children.Keys.Select(k => k.ToString()).ShouldBe(["test", "image", "packages", "deploy"]);
        File.ReadAllText(Path.Combine(Root, ".github", "workflows", "ci.yml")).ShouldContain("run: bash .ci/run");
        ((YamlSequenceNode)Map(jobs, "deploy").Children["needs"]).Children.Select(n => n.ToString()).ShouldBe(["image", "packages"]);
    }

    [Fact]
    public void TheDockerfile_RunsAsANonRootUser_WithAHealthCheck()
    {
        var dockerfile = File.ReadAllText(Path.Combine(Root, "Dockerfile"));
        dockerfile.ShouldContain("\nUSER app\n");
        dockerfile.ShouldContain("HEALTHCHECK");
        dockerfile.ShouldContain("\"probe\"]");
        Regex.Count(dockerfile, @"^FROM ", RegexOptions.Multiline).ShouldBe(3, "SPA, build and runtime stages");
    }

    // Helm's template actions stood in for: control lines dropped, an included block (nindent) as one key at its
    // indentation, any other action as a plain value. What remains must be YAML of the shape the chart renders.
    private static string Render(string template)
    {
        var lines = new List<string>();
        foreach (var line in template.Split('\n'))
        {
            if (ControlLine().IsMatch(line)) continue;
            var block = IndentedBlock().Match(line);
            lines.Add(block.Success ? new string(' ', int.Parse(block.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)) + "rendered: block"
                : Action().Replace(line, "rendered"));
        }

        return string.Join('\n', lines);
    }

    private static List<YamlMappingNode> Parse(string yaml, string file)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlDotNet.Core.YamlException e)
        {
            throw new ShouldAssertException($"{file} is not YAML once rendered: {e.Message}\n{yaml}");
        }

        return [.. stream.Documents.Select(d => (YamlMappingNode)d.RootNode)];
    }

    private static YamlMappingNode Map(YamlMappingNode node, string key) => (YamlMappingNode)node.Children[key];

    private static string Scalar(YamlMappingNode node, string key) => ((YamlScalarNode)node.Children[key]).Value!;

    [GeneratedRegex(@"^\s*\{\{-?\s*(if|else|end|range|with|define)\b.*\}\}\s*$")]
    private static partial Regex ControlLine();

    [GeneratedRegex(@"^\s*\{\{-?.*\|\s*nindent (\d+)\s*\}\}\s*$")]
    private static partial Regex IndentedBlock();

    [GeneratedRegex(@"\{\{-?.*?-?\}\}")]
    private static partial Regex Action();

    [GeneratedRegex(@"(?im)^\s*[\w_]*(PASSWORD|SECRET|CERTIFICATE)[\w_]*:\s*(?<value>\S.*)$")]
    private static partial Regex SecretValues();
}
