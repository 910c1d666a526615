using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Shouldly;

namespace Erp.Testing;

/// <summary>Reads RFC 9457 problem responses and asserts their shape.</summary>
public static class Problems
{
    /// <param name="case">What the request tried, named in a failure.</param>
    public static async Task<JsonElement> ShouldBeProblemAsync(this HttpResponseMessage response, HttpStatusCode status, string code, string? @case = null)
    {
        var body = await response.Content.ReadAsStringAsync();
        var described = UnexpectedErrors.Describe(body);
        response.StatusCode.ShouldBe(status, @case is null ? described : $"{@case}: {described}");
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        var problem = JsonDocument.Parse(body).RootElement;
        problem.GetProperty("code").GetString().ShouldBe(code, @case);
        problem.GetProperty("status").GetInt32().ShouldBe((int)status);
        problem.GetProperty("type").GetString().ShouldEndWith(code);
        problem.GetProperty("title").GetString().ShouldNotBeNullOrWhiteSpace();
        problem.GetProperty("traceId").GetString().ShouldNotBeNullOrWhiteSpace();
        return problem;
    }

    public static async Task<T> ReadAsync<T>(this HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.IsSuccessStatusCode.ShouldBeTrue(UnexpectedErrors.Describe(body));
        return JsonSerializer.Deserialize<T>(body, JsonSerializerOptions.Web)!;
    }

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string url, object body) =>
        client.PostAsJsonAsync(url, body);
}
