using Erp.Kernel.Modularity;
using Shouldly;

namespace Erp.Kernel.Tests;

public sealed class ModuleGraphTests
{
    private sealed record Node(string Id, params string[] DependsOn);

    private static IReadOnlyList<string> Sort(params Node[] nodes) =>
        ModuleGraph.Sort(nodes, n => n.Id, n => n.DependsOn).Select(n => n.Id).ToList();

    [Fact]
    public void Sort_PutsDependenciesFirst_AndKeepsTheGivenOrderOtherwise() =>
        Sort(new Node("Sales", "Catalog", "Settings"), new Node("Catalog", "Settings"), new Node("Settings"), new Node("Audit"))
            .ShouldBe(["Settings", "Catalog", "Sales", "Audit"]);

    [Fact]
    public void Sort_WithACycle_FailsNamingEveryModuleInIt()
    {
        var error = Should.Throw<ModuleDependencyException>(() =>
            Sort(new Node("A", "B"), new Node("B", "C"), new Node("C", "A"), new Node("D")));
        error.Message.ShouldBe("Module dependency cycle: A -> B -> C -> A.");
        error.Modules.ShouldBe(["A", "B", "C"]);
    }

    [Fact]
    public void Sort_WithAMissingDependency_FailsNamingBoth()
    {
        var error = Should.Throw<ModuleDependencyException>(() => Sort(new Node("Sales", "Inventory")));
        error.Message.ShouldBe("Module 'Sales' depends on 'Inventory', which is not loaded.");
    }

    [Fact]
    public void Sort_WithADuplicate_FailsNamingIt() =>
        Should.Throw<ModuleDependencyException>(() => Sort(new Node("A"), new Node("A"))).Message.ShouldContain("'A' is registered twice");
}
