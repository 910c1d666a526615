using System.Buffers.Text;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;

namespace Erp.Host.Hosting;

/// <summary>
/// <c>Erp.Host token --user NAME [--url URL] [--redirect-uri URI]</c>: signs in to a running host as a user and prints
/// an access token for its API, for <c>curl</c> and scripts while developing a plugin. It does what the SPA and a browser
/// do together (authorization code with PKCE through the host's own sign-in page), so the host issues the token as it
/// issues any other: nothing here can mint one, and the password is asked for, never taken from the command line.
/// The password is read from standard input when that is redirected, otherwise typed without echo.
/// </summary>
internal static partial class TokenCommand
{
    public const string Name = "token";
    private const string ClientId = "erp-spa";
    private const string Scopes = "openid profile email roles erp_api";

    public static async Task<int> RunAsync(string[] args)
    {
        var options = Options(args);
        if (!options.TryGetValue("--user", out var user))
        {
            Console.Error.WriteLine("Usage: Erp.Host token --user NAME [--url http://127.0.0.1:5000] [--redirect-uri URI]");
            return 2;
        }

        var origin = new Uri(options.GetValueOrDefault("--url") ?? "http://127.0.0.1:5000");
        var redirectUri = options.GetValueOrDefault("--redirect-uri") ?? new Uri(origin, "/auth/callback").ToString();
        var password = ReadPassword(user);
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = origin };
        try
        {
            var token = await SignInAsync(browser, user, password, redirectUri);
            Console.WriteLine(token.AccessToken);
            Console.Error.WriteLine($"An access token for {user}, valid for {token.ExpiresIn / 60} minutes: curl -H \"Authorization: Bearer $TOKEN\" {origin}api/app-config");
            return 0;
        }
        catch (TokenCommandException e)
        {
            Console.Error.WriteLine(e.Message);
            return 1;
        }
        catch (HttpRequestException e)
        {
            Console.Error.WriteLine($"No Erp host answers at {origin} ({e.Message}). Start it first, or name it with --url.");
            return 1;
        }
    }

    private static async Task<(string AccessToken, int ExpiresIn)> SignInAsync(HttpClient browser, string user, string password, string redirectUri)
    {
        var verifier = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var challenge = Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        var authorize = QueryHelpers.AddQueryString("/connect/authorize", new Dictionary<string, string?>
        {
            ["client_id"] = ClientId, ["redirect_uri"] = redirectUri, ["response_type"] = "code", ["scope"] = Scopes,
            ["code_challenge"] = challenge, ["code_challenge_method"] = "S256", ["state"] = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16)),
        });

        var toSignIn = await browser.GetAsync(authorize);
        if (toSignIn.StatusCode != HttpStatusCode.Redirect)
            throw new TokenCommandException($"The host refused the sign-in request ({(int)toSignIn.StatusCode}): is {redirectUri} one of its Identity:Spa:RedirectUris? Name one with --redirect-uri.");

        var signedIn = await SubmitSignInAsync(browser, toSignIn.Headers.Location!.ToString(), user, password);
        var next = signedIn.Headers.Location?.ToString() ?? "";
        if (signedIn.StatusCode != HttpStatusCode.Redirect)
            throw new TokenCommandException(signedIn.StatusCode == HttpStatusCode.TooManyRequests
                ? $"Too many sign-in attempts for {user}; try again later."
                : $"Signing in as {user} failed: wrong user name or password, or the account is locked or not confirmed.");
        if (next.Contains("/account/two-factor", StringComparison.Ordinal))
            throw new TokenCommandException($"{user} signs in with a second factor, which this command does not ask for: use a user without one while developing.");

        var toClient = await browser.GetAsync(next);
        var code = toClient.Headers.Location is { } back ? QueryHelpers.ParseQuery(back.Query).GetValueOrDefault("code").ToString() : "";
        if (code.Length == 0) throw new TokenCommandException($"The host did not return an authorization code ({(int)toClient.StatusCode}).");

        var exchange = await browser.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code", ["code"] = code, ["redirect_uri"] = redirectUri, ["client_id"] = ClientId, ["code_verifier"] = verifier,
        }));
        using var body = JsonDocument.Parse(await exchange.Content.ReadAsStringAsync());
        if (!exchange.IsSuccessStatusCode || !body.RootElement.TryGetProperty("access_token", out var accessToken))
            throw new TokenCommandException($"The host did not exchange the code for a token ({(int)exchange.StatusCode}): {body.RootElement}");
        return (accessToken.GetString()!, body.RootElement.GetProperty("expires_in").GetInt32());
    }

    /// <summary>Opens the host's sign-in page and posts it, with the anti-forgery token the page carries.</summary>
    private static async Task<HttpResponseMessage> SubmitSignInAsync(HttpClient browser, string pageUrl, string user, string password)
    {
        var response = await browser.GetAsync(pageUrl);
        if (!response.IsSuccessStatusCode) throw new TokenCommandException($"The host's sign-in page answered {(int)response.StatusCode}.");
        var page = await response.Content.ReadAsStringAsync();
        var fields = new Dictionary<string, string> { ["userName"] = user, ["password"] = password };
        foreach (Match hidden in HiddenInput().Matches(page))
            fields.TryAdd(WebUtility.HtmlDecode(hidden.Groups[1].Value), WebUtility.HtmlDecode(hidden.Groups[2].Value));
        var action = WebUtility.HtmlDecode(FormAction().Match(page).Groups[1].Value);
        return await browser.PostAsync(action, new FormUrlEncodedContent(fields));
    }

    private static string ReadPassword(string user)
    {
        if (Console.IsInputRedirected) return Console.In.ReadLine() ?? "";
        Console.Error.Write($"Password for {user}: ");
        var password = new StringBuilder();
        for (var key = Console.ReadKey(intercept: true); key.Key != ConsoleKey.Enter; key = Console.ReadKey(intercept: true))
        {
            if (key.Key == ConsoleKey.Backspace) { if (password.Length > 0) password.Length--; }
            else if (!char.IsControl(key.KeyChar)) password.Append(key.KeyChar);
        }

        Console.Error.WriteLine();
        return password.ToString();
    }

    private static Dictionary<string, string> Options(string[] args)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2) options[args[i]] = args[i + 1];
        return options;
    }


    [GeneratedRegex("""<form method="post" action="([^"]*)""")]
    private static partial Regex FormAction();

    [GeneratedRegex("""<input type="hidden" name="([^"]+)" value="([^"]*)""")]
    private static partial Regex HiddenInput();

    private sealed class TokenCommandException(string message) : Exception(message);
}
