using System.Buffers.Text;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;
using Shouldly;

namespace Erp.Testing;

/// <summary>
/// What the SPA and a browser do together, driven over HTTP: authorization request with PKCE, the server's sign-in
/// page (with its anti-forgery token), the redirect back with a code, and the code exchange.
/// </summary>
public sealed partial class OidcFlow(HttpClient browser)
{
    public const string ClientId = "erp-spa";
    public const string RedirectUri = "https://spa.erp.test/auth/callback";
    public const string PostLogoutRedirectUri = "https://spa.erp.test/";
    public const string Scopes = "openid profile email roles offline_access erp_api";

    public HttpClient Browser { get; } = browser;

    public async Task<TokenResponse> SignInAsync(string userName, string password, string scopes = Scopes)
    {
        var (verifier, challenge) = Pkce();
        var signInPage = await Browser.GetAsync(AuthorizeUrl(challenge, "state-1", scopes: scopes));
        signInPage.StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var afterSignIn = await SubmitFormAsync(signInPage.Headers.Location!.ToString(), new() { ["userName"] = userName, ["password"] = password });
        afterSignIn.StatusCode.ShouldBe(HttpStatusCode.Redirect, await afterSignIn.DescribeAsync());
        var code = await FollowToCodeAsync(afterSignIn.Headers.Location!.ToString());
        return await ExchangeAsync(code, verifier);
    }

    public static string AuthorizeUrl(string challenge, string state, string redirectUri = RedirectUri, string scopes = Scopes) => QueryHelpers.AddQueryString("/connect/authorize", new Dictionary<string, string?>
    {
        ["client_id"] = ClientId, ["redirect_uri"] = redirectUri, ["response_type"] = "code", ["scope"] = scopes,
        ["code_challenge"] = challenge, ["code_challenge_method"] = "S256", ["state"] = state,
    });

    /// <summary>Opens a page, reads its form (action and anti-forgery token) and posts it with <paramref name="fields"/>.</summary>
    public async Task<HttpResponseMessage> SubmitFormAsync(string pageUrl, Dictionary<string, string> fields)
    {
        var html = await Browser.GetStringAsync(pageUrl);
        var action = WebUtility.HtmlDecode(FormAction().Match(html).Groups[1].Value);
        foreach (Match hidden in HiddenInput().Matches(html)) fields.TryAdd(WebUtility.HtmlDecode(hidden.Groups[1].Value), WebUtility.HtmlDecode(hidden.Groups[2].Value));
        return await Browser.PostAsync(action, new FormUrlEncodedContent(fields));
    }

    /// <summary>Follows the authorization endpoint's redirect to the SPA's redirect URI and returns the code.</summary>
    public async Task<string> FollowToCodeAsync(string authorizeUrl)
    {
        var redirect = await Browser.GetAsync(authorizeUrl);
        redirect.StatusCode.ShouldBe(HttpStatusCode.Redirect, await redirect.DescribeAsync());
        var location = redirect.Headers.Location!;
        location.GetLeftPart(UriPartial.Path).ShouldBe(RedirectUri);
        var query = QueryHelpers.ParseQuery(location.Query);
        query.ContainsKey("code").ShouldBeTrue(location.ToString());
        return query["code"].ToString();
    }

    public async Task<TokenResponse> ExchangeAsync(string code, string verifier)
    {
        var response = await Browser.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code", ["code"] = code, ["redirect_uri"] = RedirectUri, ["client_id"] = ClientId, ["code_verifier"] = verifier,
        }));
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.DescribeAsync());
        return (await response.Content.ReadFromJsonAsync<TokenResponse>())!;
    }

    public Task<HttpResponseMessage> RefreshAsync(string refreshToken) =>
        Browser.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token", ["refresh_token"] = refreshToken, ["client_id"] = ClientId,
        }));

    public static (string Verifier, string Challenge) Pkce()
    {
        var verifier = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        return (verifier, Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))));
    }

    /// <summary>The <c>sub</c> (the user's id) an access token names, read from its payload as any API sees it (not verified).</summary>
    public static string SubjectOf(string accessToken) =>
        System.Text.Json.JsonDocument.Parse(Base64Url.DecodeFromChars(accessToken.Split('.')[1])).RootElement.GetProperty("sub").GetString()!;


    [GeneratedRegex("""<form method="post" action="([^"]*)""")]
    private static partial Regex FormAction();

    [GeneratedRegex("""<input type="hidden" name="([^"]+)" value="([^"]*)""")]
    private static partial Regex HiddenInput();
}

public sealed record TokenResponse(
    [property: JsonPropertyName("access_token")] string AccessToken,
    [property: JsonPropertyName("refresh_token")] string? RefreshToken,
    [property: JsonPropertyName("id_token")] string? IdToken,
    [property: JsonPropertyName("expires_in")] int ExpiresIn);
