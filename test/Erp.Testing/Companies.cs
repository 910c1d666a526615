using System.Net.Http.Json;
using System.Text.Json;

namespace Erp.Testing;

/// <summary>Companies as tests use them: created through the admin API, and requests that name the company they work in.</summary>
public static class Companies
{
    /// <summary>Creates a company through the admin API, its name made unique; returns its id.</summary>
    public static async Task<Guid> CreateCompanyAsync(this HttpClient admin, string name)
    {
        var response = await admin.PostAsJsonAsync("/api/companies", new
        {
            name = $"{name} {Guid.NewGuid().ToString("N")[..6]}", legalName = $"{name} GmbH", address = new { country = "DE" },
            baseCurrency = "EUR", timeZone = "Europe/Berlin",
        });
        return (await response.ReadAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    /// <summary>Makes every request of <paramref name="client"/> work in <paramref name="company"/> (the <c>X-Company</c> header); returns it.</summary>
    public static HttpClient WorkingIn(this HttpClient client, Guid company)
    {
        client.DefaultRequestHeaders.Remove("X-Company");
        client.DefaultRequestHeaders.Add("X-Company", company.ToString());
        return client;
    }

    /// <summary>Sends a request working in <paramref name="company"/> (the <c>X-Company</c> header), with <paramref name="body"/> as JSON.</summary>
    public static async Task<HttpResponseMessage> SendInCompanyAsync(this HttpClient client, HttpMethod method, string url, Guid company, object? body = null)
    {
        using var request = new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Add("X-Company", company.ToString());
        return await client.SendAsync(request);
    }
}
