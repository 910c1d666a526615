using System.Globalization;

namespace Erp.Testing;

/// <summary>
/// The SMTP capture server tests send mail to: the one named by <c>ERP_TEST_SMTP</c> (<c>host:port</c>) with its HTTP
/// API at <c>ERP_TEST_SMTP_API</c>, else a maildev this process starts and stops when it exits. Hosts keep their mail
/// apart by sender address (<see cref="ErpHost.MailSender"/>).
/// </summary>
public static class SmtpCapture
{
    private static readonly Lazy<(string Host, int Port, Uri Api)> Server = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);

    public static string Host => Server.Value.Host;

    public static int Port => Server.Value.Port;

    /// <summary>maildev's web root: <c>GET api/email</c> lists every message it holds.</summary>
    public static Uri Api => Server.Value.Api;

    private static (string, int, Uri) Start()
    {
        if (Environment.GetEnvironmentVariable("ERP_TEST_SMTP") is { Length: > 0 } given
            && Environment.GetEnvironmentVariable("ERP_TEST_SMTP_API") is { Length: > 0 } api)
        {
            var colon = given.LastIndexOf(':');
            return (given[..colon], int.Parse(given[(colon + 1)..], CultureInfo.InvariantCulture), new Uri(api.TrimEnd('/') + "/"));
        }

        var server = new MaildevProcess();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Dispose();
        return ("127.0.0.1", server.SmtpPort, server.Api);
    }
}

/// <summary>A maildev of its own (through <c>etc/local/maildev.sh</c>), with extra options such as a required sign-in.</summary>
public sealed class MaildevProcess : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"erp-test-smtp-{Environment.ProcessId}-{Guid.NewGuid():N}"[..34]);

    public MaildevProcess(string extraArguments = "")
    {
        Script(extraArguments, "start", _directory, SmtpPort.ToString(CultureInfo.InvariantCulture), WebPort.ToString(CultureInfo.InvariantCulture));
    }

    public int SmtpPort { get; } = PostgresServer.FreePort();

    public int WebPort { get; } = PostgresServer.FreePort();

    public Uri Api => new($"http://127.0.0.1:{WebPort}/");

    public void Dispose()
    {
        Script("", "stop", _directory);
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private static void Script(string extraArguments, params string[] args) =>
        LocalScript.Run("maildev.sh", new Dictionary<string, string> { ["MAILDEV_ARGS"] = extraArguments }, args);
}
