using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Erp.Testing;
using Shouldly;

namespace Erp.Platform.Tests;

/// <summary>What the low-code tests do through the API over and over: define an entity, create a record, sign in a user holding permissions.</summary>
internal static class LowCodeClients
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Creates <paramref name="entity"/> with <paramref name="fields"/>, labelled by its name.</summary>
    public static async Task DefineAsync(this HttpClient client, string entity, params object[] fields) =>
        (await client.PutAsJsonAsync($"/api/low-code/entities/{entity}", new { label = entity, pluralLabel = entity, version = 0, fields }, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

    /// <summary>Creates a record and returns its id.</summary>
    public static async Task<Guid> CreateRecordAsync(this HttpClient client, string entity, object body) =>
        (await (await client.PostAsJsonAsync($"/api/data/{entity}", body, Ct)).ReadAsync<JsonElement>()).GetProperty("id").GetGuid();

    /// <summary>A new user of <paramref name="company"/> holding <paramref name="permissions"/>, created on A and signed in on B.</summary>
    public static async Task<HttpClient> UserAsync(this TwoInstances instances, Guid company, params string[] permissions) =>
        (await instances.MemberAsync(company, permissions)).Client;

    /// <summary>As <see cref="UserAsync"/>, with the user's id.</summary>
    public static async Task<Member> MemberAsync(this TwoInstances instances, Guid company, params string[] permissions)
    {
        var userName = "clerk" + Guid.NewGuid().ToString("N")[..8];
        var userId = await instances.A.CreateUserAsync(instances.AdminOnA, userName, "Correct-Horse-42");
        if (permissions.Length > 0)
            (await instances.AdminOnA.PutAsJsonAsync("/api/permissions/grants", new { kind = "User", key = userId.ToString(), grant = permissions }, Ct)).EnsureSuccessStatusCode();
        (await instances.AdminOnA.PutAsJsonAsync($"/api/companies/{company}/members", new { addUsers = new[] { userId } }, Ct)).EnsureSuccessStatusCode();
        return new Member((await instances.B.CreateSignedInClientAsync(userName, "Correct-Horse-42")).WorkingIn(company), userId);
    }
}

/// <summary>A user signed in on B, working in a company, and their id.</summary>
public sealed record Member(HttpClient Client, Guid Id) : IDisposable
{
    public void Dispose() => Client.Dispose();
}
