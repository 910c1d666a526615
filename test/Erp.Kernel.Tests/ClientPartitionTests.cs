using System.Net;
using Erp.Kernel.Http;
using Shouldly;

namespace Erp.Kernel.Tests;

/// <summary>Rate limits count per IPv4 address and per IPv6 /64, so an attacker cannot rotate through their own network.</summary>
public sealed class ClientPartitionTests
{
    [Fact]
    public void AddressesInOneIpv6Network_ShareOneBudget()
    {
        var first = RateLimitPolicies.ClientPartition(IPAddress.Parse("2001:db8:1:2::1"));

        RateLimitPolicies.ClientPartition(IPAddress.Parse("2001:db8:1:2:ffff:eeee:dddd:cccc")).ShouldBe(first);
        RateLimitPolicies.ClientPartition(IPAddress.Parse("2001:db8:1:3::1")).ShouldNotBe(first);
        first.ShouldBe("2001:db8:1:2::/64");
    }

    [Fact]
    public void Ipv4Addresses_CountOneByOne_AlsoWhenMappedIntoIpv6()
    {
        RateLimitPolicies.ClientPartition(IPAddress.Parse("192.0.2.10")).ShouldBe("192.0.2.10");
        RateLimitPolicies.ClientPartition(IPAddress.Parse("::ffff:192.0.2.10")).ShouldBe("192.0.2.10");
        RateLimitPolicies.ClientPartition(IPAddress.Parse("192.0.2.11")).ShouldNotBe("192.0.2.10");
    }
}
