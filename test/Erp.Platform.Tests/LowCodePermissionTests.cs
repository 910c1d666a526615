using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Erp.Testing;
using Shouldly;

namespace Erp.Platform.Tests;

/// <summary>An entity defined on one instance brings its permissions, which the other instance shows and grants at once.</summary>
public sealed class LowCodePermissionTests(TwoInstances instances) : IClassFixture<TwoInstances>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AnEntitysPermissions_ExistOnEveryInstance_FromTheMomentItIsDefined()
    {
        var userName = "planner" + Guid.NewGuid().ToString("N")[..8];
        var userId = await instances.A.CreateUserAsync(instances.AdminOnA, userName, "Correct-Horse-42");
        using var adminOnB = await instances.B.CreateSignedInClientAsync();
        var entity = "project_" + Guid.NewGuid().ToString("N")[..8];
        object Grant(params string[] names) => new { kind = "User", key = userId.ToString(), grant = names };

        // Before the entity exists its permissions are unknown names; B caches the catalog meanwhile.
        await (await adminOnB.PutAsJsonAsync("/api/permissions/grants", Grant($"Data.{entity}"), Ct))
            .ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "permissions.grant.unknown-permission");

        (await instances.AdminOnA.PutAsJsonAsync($"/api/low-code/entities/{entity}", new
        {
            label = "Project", pluralLabel = "Projects", version = 0, fields = new object[] { new { name = "title", label = "Title", type = "Text" } },
        }, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var (tree, elapsed) = await Eventually.ValueAsync(
            async () => (await adminOnB.GetFromJsonAsync<JsonElement[]>($"/api/permissions/grants?kind=User&key={userId}", Ct))!
                .SelectMany(g => g.GetProperty("permissions").EnumerateArray()).Select(p => p.GetProperty("name").GetString()!).ToList(),
            names => names.Contains($"Data.{entity}"), TimeSpan.FromSeconds(5));
        tree.ShouldContain($"Data.{entity}");
        tree.ShouldContain($"Data.{entity}.Create");
        elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(1), "the other instance serves the new permissions within a second");

        (await adminOnB.PutAsJsonAsync("/api/permissions/grants", Grant($"Data.{entity}", $"Data.{entity}.Create"), Ct)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        using var user = await instances.B.CreateSignedInClientAsync(userName, "Correct-Horse-42");
        var config = await user.GetFromJsonAsync<JsonElement>("/api/app-config", Ct);
        config.GetProperty("permissions").EnumerateArray().Select(p => p.GetString()).ShouldContain($"Data.{entity}.Create");
        (await adminOnB.GetFromJsonAsync<JsonElement>("/api/app-config", Ct)).GetProperty("permissions").EnumerateArray().Select(p => p.GetString())
            .ShouldContain($"Data.{entity}.Delete", "administrators hold every permission, run-time ones too");
    }
}
