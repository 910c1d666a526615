using System.Net;
using System.Net.Sockets;
using Erp.Kernel.Domain;
using Microsoft.Extensions.Options;

namespace Erp.LowCode.Application;

/// <summary>Where webhooks may go (<c>LowCode:Webhooks</c>).</summary>
public sealed class WebhookSettings
{
    /// <summary>When any are given, the only hosts webhooks go to.</summary>
    public string[] AllowedHosts { get; set; } = [];

    /// <summary>Lets webhooks reach loopback and private addresses: for a receiver on the same network, never by default.</summary>
    public bool AllowPrivateNetworks { get; set; }

    /// <summary>How long one attempt waits for the receiver's answer.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);
}

/// <summary>
/// Keeps webhooks from becoming a way into the installation's own network (SSRF): a target is an http or https address of
/// an allowed host, and every address it connects to is public, checked when the subscription is saved and again on each
/// connection (a name may resolve elsewhere by then), unless private networks are allowed.
/// </summary>
internal sealed class WebhookTargets(IOptions<WebhookSettings> options)
{
    private WebhookSettings Settings => options.Value;

    /// <summary>The target as a URL, once its scheme, host and addresses pass; a refusal names it.</summary>
    public async Task<Uri> CheckAsync(string url, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.UserInfo.Length > 0
            || Settings.AllowedHosts.Length > 0 && !Settings.AllowedHosts.Contains(uri.Host, StringComparer.OrdinalIgnoreCase))
            throw Refused(url);
        try
        {
            var addresses = IPAddress.TryParse(uri.Host.Trim('[', ']'), out var literal) ? [literal] : await Dns.GetHostAddressesAsync(uri.DnsSafeHost, cancellationToken);
            return addresses.Length > 0 && addresses.All(Allowed) ? uri : throw Refused(url);
        }
        catch (SocketException)
        {
            throw Refused(url);
        }
    }

    /// <summary>The handler webhooks are sent through: it connects only to allowed addresses, whatever the name resolves to now.</summary>
    public SocketsHttpHandler Handler() => new()
    {
        AllowAutoRedirect = false, // a redirect is an answer, not a second target
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        ConnectCallback = async (context, cancellationToken) =>
        {
            var addresses = await Dns.GetHostAddressesAsync(context.DnsEndPoint.Host, cancellationToken);
            var address = addresses.FirstOrDefault(Allowed) ?? throw new HttpRequestException($"{context.DnsEndPoint.Host} resolves to no address webhooks may reach.");
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, context.DnsEndPoint.Port), cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    };

    private bool Allowed(IPAddress address) => Settings.AllowPrivateNetworks || IsPublic(address);

    private static InvalidFieldsException Refused(string url) => new("url", LowCodeErrors.WebhookTargetRefused, url);

    /// <summary>Whether an address is on the public internet: not loopback, private, shared, link-local, multicast or reserved.</summary>
    public static bool IsPublic(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (IPAddress.IsLoopback(address)) return false;
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
            return !(address.Equals(IPAddress.IPv6Any) || address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6UniqueLocal || address.IsIPv6Multicast);
        var b = address.GetAddressBytes();
        return !(b[0] is 0 or 10 or 127 || b[0] >= 224 // this network, private, loopback, multicast and reserved
                 || b[0] == 100 && b[1] is >= 64 and < 128 // shared (carrier-grade NAT)
                 || b[0] == 169 && b[1] == 254 // link-local, cloud metadata services
                 || b[0] == 172 && b[1] is >= 16 and < 32
                 || b[0] == 192 && b[1] == 168
                 || b[0] == 192 && b[1] == 0 && b[2] == 0
                 || b[0] == 198 && b[1] is 18 or 19);
    }
}
