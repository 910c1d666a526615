using Erp.Kernel.Plugins;
using NuGet.Versioning;
using Shouldly;

namespace Erp.Kernel.Tests;

public sealed class VersionRequirementTests
{
    [Theory]
    [InlineData("*", "0.0.1", true)]
    [InlineData(">=1.0.0 <2.0.0", "1.4.2", true)]
    [InlineData(">=1.0.0 <2.0.0", "2.0.0", false)]
    [InlineData(">=1.0.0 <2.0.0", "0.9.9", false)]
    [InlineData(">1.0.0", "1.0.0", false)]
    [InlineData("<=1.0.0", "1.0.0", true)]
    [InlineData("1.2.3", "1.2.3", true)]
    [InlineData("=1.2.3", "1.2.4", false)]
    public void Includes(string range, string version, bool included)
    {
        VersionRequirement.TryParse(range, out var parsed).ShouldBeTrue();
        parsed.Includes(NuGetVersion.Parse(version)).ShouldBe(included);
    }

    [Theory]
    [InlineData("")]
    [InlineData(">=one")]
    [InlineData("~>1.0")]
    public void TryParse_RejectsWhatIsNotARange(string range) => VersionRequirement.TryParse(range, out _).ShouldBeFalse();
}
