using System.Net;
using System.Net.Http.Headers;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using BoligSocialt.App.Auth;
using BoligSocialt.Domain.Common;
using BoligSocialt.Tests.Startup;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace BoligSocialt.Tests.Security;

/// <summary>
/// Bad input to every HTTP endpoint of the running app, found through its <see cref="EndpointDataSource"/> (pages, the
/// measurement API and downloads, the exports, sign-in and sign-out), as every demo role and anonymously: random and
/// oversized route values, query strings (huge, unicode, control characters, injection, overflowing numbers, bad
/// dates), bodies and uploads, other methods. Never a 500; a refusal with a body says in Danish what is wrong, never with
/// an exception's text; an anonymous visitor is sent to sign in and gets no data. A new endpoint is fuzzed without a
/// change here, unless it has a parameter no generator knows: then the test fails and names it.
/// </summary>
public sealed partial class FuzzEndpointTests(DevelopmentApp app, ITestOutputHelper output) : IClassFixture<DevelopmentApp>
{
    private const int RequestsPerEndpointAndUser = 3;
    private const string Anonymous = "anonym";

    [GeneratedRegex(@"\bat [\w.`<>]+\(|Exception\b|StackTrace|System\.[A-Z]\w+\.|Microsoft\.[A-Z]\w+\.")]
    private static partial Regex ExceptionText();

    /// <summary>Words that only a Danish message has (every refusal of the app is written with some of them).</summary>
    [GeneratedRegex(@"[æøåÆØÅ]|\b(ikke|Ikke|Angiv|skal|adgang|Ugyldig|Ukendt|fundet|Vælg|Perioden|Året|Kvartalet)\b")]
    private static partial Regex DanishText();

    /// <summary>Route values by parameter name; a route parameter without one fails the test.</summary>
    private static readonly Dictionary<string, Func<FuzzInput, string>> RouteValues = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Id"] = f => f.Chance(0.6) ? f.Id(null).ToString() : Hostile(f),
        ["year"] = f => f.Chance(0.5) ? f.Number("year").ToString(System.Globalization.CultureInfo.InvariantCulture) : Hostile(f),
        ["quarter"] = f => f.Chance(0.5) ? f.Number("quarter").ToString(System.Globalization.CultureInfo.InvariantCulture) : Hostile(f),
        ["path"] = f => f.Pick(["x.js", "favicon.ico", "a/b/c.css", "..%2F..%2Fetc%2Fpasswd", "app.db", "appsettings.json", Hostile(f)]),
        ["format"] = f => f.Chance(0.5) ? f.Pick(["csv", "xlsx", "json", "pdf", "CSV", ""]) : Hostile(f),
    };

    private static string Hostile(FuzzInput f) => f.Text() is { Length: < 5000 } text ? text : new string('9', 5000);

    public sealed record FuzzedEndpoint(RouteEndpoint Endpoint, IReadOnlyList<string> Methods, IReadOnlyList<string> Query, bool Anonymous)
    {
        public string Pattern => "/" + Endpoint.RoutePattern.RawText?.TrimStart('/');
    }

    /// <summary>
    /// Every endpoint but Blazor's own (the circuit's hub, its scripts) and the static files: each with its methods, the
    /// names its handler reads from the query string or form, and whether it is open to anonymous visitors.
    /// </summary>
    private List<FuzzedEndpoint> Endpoints(List<string> uncovered)
    {
        var services = app.Host.Factory.Services;
        var isService = services.GetRequiredService<IServiceProviderIsService>();
        var endpoints = new List<FuzzedEndpoint>();
        foreach (var endpoint in services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var pattern = endpoint.RoutePattern.RawText ?? "";
            if (pattern.StartsWith("_", StringComparison.Ordinal) || pattern.StartsWith("/_", StringComparison.Ordinal)) continue;
            if (endpoint.Metadata.Any(m => m.GetType().Name.Contains("StaticAsset", StringComparison.Ordinal))) continue;
            foreach (var parameter in endpoint.RoutePattern.Parameters.Where(p => !RouteValues.ContainsKey(p.Name)))
                uncovered.Add($"{pattern}: route value '{parameter.Name}'");
            var query = new List<string>();
            if (endpoint.Metadata.GetMetadata<MethodInfo>() is { } handler)
            {
                foreach (var parameter in handler.GetParameters())
                {
                    var type = parameter.ParameterType;
                    if (type == typeof(HttpContext) || type == typeof(CancellationToken) || isService.IsService(type)) continue;
                    if (endpoint.RoutePattern.GetParameter(parameter.Name!) is not null) continue;
                    if (type == typeof(string) || type == typeof(Guid) || type == typeof(int) || type == typeof(DateOnly)) query.Add(parameter.Name!);
                    else uncovered.Add($"{pattern}: parameter '{parameter.Name}' of type {type.Name}");
                }
            }
            var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.ToList() ?? ["GET", "POST"];
            var anonymous = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;
            endpoints.Add(new FuzzedEndpoint(endpoint, methods, query, anonymous));
        }
        // Signing in and out last: after them, the client may no longer be who it was.
        return endpoints.OrderBy(e => e.Pattern.StartsWith("/konto/", StringComparison.Ordinal)).ThenBy(e => e.Pattern, StringComparer.Ordinal).ToList();
    }

    [Fact]
    public void Every_endpoint_is_found_and_has_a_generator_for_every_parameter()
    {
        var uncovered = new List<string>();
        var endpoints = Endpoints(uncovered);
        foreach (var e in endpoints) output.WriteLine($"{string.Join(",", e.Methods)} {e.Pattern} ?{string.Join("&", e.Query)}{(e.Anonymous ? " (anonymous)" : "")}");

        Assert.True(uncovered.Count == 0, "No generator for (add one to FuzzEndpointTests):\n" + string.Join("\n", uncovered));
        Assert.Contains(endpoints, e => e.Pattern == "/api/measurement/{year}/{quarter}");
        Assert.Contains(endpoints, e => e.Pattern == "/logbog/eksport" && e.Query.Contains("fra"));
        Assert.Contains(endpoints, e => e.Pattern == "/admin/revision/eksport");
        Assert.Contains(endpoints, e => e.Pattern == "/forloeb/{Id:guid}");
        Assert.Contains(endpoints, e => e.Pattern == SignIn.DevelopmentPath && e.Methods.Contains("POST"));
    }

    [Fact]
    public async Task Every_endpoint_as_every_role_answers_bad_input_without_a_500_and_in_Danish()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("FUZZ_SEED"), out var s) ? s : 20_261_124;
        FuzzIds ids;
        await using (var db = app.Host.Db())
            ids = await FuzzIds.LoadAsync(db);
        var input = new FuzzInput(seed, ids, DateOnly.FromDateTime(DateTime.Now));
        var uncovered = new List<string>();
        var endpoints = Endpoints(uncovered);
        Assert.Empty(uncovered);

        var failures = new List<string>();
        var statuses = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var requests = 0;
        foreach (var user in FuzzServiceTests.DemoActors.Append(Anonymous))
        {
            using var client = user == Anonymous ? app.Host.Client() : await app.SignedInClientAsync(user);
            foreach (var endpoint in endpoints)
            for (var i = 0; i < RequestsPerEndpointAndUser; i++)
            {
                using var request = Request(input, endpoint);
                var described = $"{request.Method} {Shorten(request.RequestUri!.OriginalString)} ({request.Content?.Headers.ContentLength ?? 0} bytes)";
                requests++;
                HttpResponseMessage response;
                try
                {
                    response = await client.SendAsync(request);
                }
                catch (Exception e)
                {
                    // The test server rethrows what the app did not handle: a real server answers 500.
                    failures.Add($"{endpoint.Pattern} as {user}: {e.GetType().Name}: {e.Message.Split('\n')[0]} — {described}\n    at " +
                        string.Join("\n    at ", (e.StackTrace ?? "").Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith("at ", StringComparison.Ordinal)).Take(6)));
                    continue;
                }
                using (response)
                {
                    statuses[$"{endpoint.Pattern} {(int)response.StatusCode}"] = statuses.GetValueOrDefault($"{endpoint.Pattern} {(int)response.StatusCode}") + 1;
                    var problem = await ProblemAsync(response, user, endpoint);
                    if (problem is not null) failures.Add($"{endpoint.Pattern} as {user}: {problem} — {described}");
                }
            }
        }
        output.WriteLine($"{requests} requests to {endpoints.Count} endpoints, seed {seed}; answers:");
        foreach (var (answer, count) in statuses) output.WriteLine($"  {answer}: {count}");
        var distinct = failures.DistinctBy(f => f.Split(" — ")[0].Replace(" as ", "|", StringComparison.Ordinal).Split('|')[0] + f.Split(": ")[1]).ToList();
        Assert.True(distinct.Count == 0, $"{distinct.Count} kinds of failure in {requests} requests (seed {seed}, FUZZ_SEED={seed}):\n" +
            string.Join("\n", distinct.Take(40)));
    }

    private static async Task<string?> ProblemAsync(HttpResponseMessage response, string user, FuzzedEndpoint endpoint)
    {
        var status = (int)response.StatusCode;
        var body = await response.Content.ReadAsStringAsync();
        if (status >= 500) return $"{status}: {Shorten(body)}";
        if (user == Anonymous && !endpoint.Anonymous)
        {
            if (status is >= 200 and < 300) return $"anonymous got {status} with {body.Length} characters";
            if (status is 301 or 302 or 303 or 307 && response.Headers.Location?.OriginalString.Contains(SignIn.DevelopmentPath, StringComparison.Ordinal) != true)
                return $"anonymous sent to {response.Headers.Location} instead of signing in";
        }
        if (status >= 400 && body.Length > 0)
        {
            if (ExceptionText().Match(body) is { Success: true } dump) return $"{status} shows an exception's text: '{dump.Value}' in {Shorten(body)}";
            if (!DanishText().IsMatch(body)) return $"{status} not in Danish: {Shorten(body)}";
        }
        return null;
    }

    private static HttpRequestMessage Request(FuzzInput input, FuzzedEndpoint endpoint)
    {
        var path = new StringBuilder();
        foreach (var segment in endpoint.Endpoint.RoutePattern.PathSegments)
        {
            path.Append('/');
            foreach (var part in segment.Parts)
                path.Append(part switch
                {
                    RoutePatternLiteralPart literal => literal.Content,
                    RoutePatternSeparatorPart separator => separator.Content,
                    // Without NUL: Kestrel refuses a path with one (400) before the app sees it; the test server throws instead.
                    RoutePatternParameterPart parameter => Uri.EscapeDataString(RouteValues[parameter.Name](input).Replace("\0", "", StringComparison.Ordinal)),
                    _ => "",
                });
        }
        if (path.Length == 0) path.Append('/');

        var query = new List<string>();
        foreach (var name in endpoint.Query.Where(_ => input.Chance(0.8)))
            query.Add(name + "=" + Uri.EscapeDataString(QueryValue(input, name)));
        if (input.Chance(0.3)) query.Add(Uri.EscapeDataString(Hostile(input)) + "=" + Uri.EscapeDataString(Hostile(input)));
        if (input.Chance(0.1)) query.Add("x=" + new string('q', 100_000));
        // Now and then a URL no endpoint has: a 404 for everyone, re-executed as the Danish "not found" page.
        if (input.Chance(0.05)) path.Insert(0, "/findes-ikke");
        var uri = path + (query.Count > 0 ? "?" + string.Join("&", query) : "");

        var method = input.Random.Next(4) switch
        {
            0 or 1 when endpoint.Methods.Contains("GET") => "GET",
            0 or 1 or 2 => input.Pick(endpoint.Methods),
            _ => input.Pick(["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"]),
        };
        var request = new HttpRequestMessage(new HttpMethod(method), uri);
        if (method is "POST" or "PUT" or "PATCH") request.Content = Body(input, endpoint);
        return request;
    }

    private static string QueryValue(FuzzInput input, string name) => name switch
    {
        "fra" or "til" => input.Chance(0.5) ? DanishDate.ToIso(input.Date()) : Hostile(input),
        "aktivitet" => input.Chance(0.3) ? "BMJ" : Hostile(input),
        "handling" => input.Pick(["Read", "Update", "Merge", "-1", "99", "read", Hostile(input)]),
        "laesninger" => input.Pick(["ja", "nej", Hostile(input)]),
        "id" or "staffMemberId" => input.Chance(0.5) ? input.Id(null).ToString() : Hostile(input),
        _ => Hostile(input),
    };

    /// <summary>A random body: form fields, a multipart upload (sometimes of several megabytes), JSON, or bytes.</summary>
    private static HttpContent Body(FuzzInput input, FuzzedEndpoint endpoint)
    {
        switch (input.Random.Next(5))
        {
            case 0:
                return new FormUrlEncodedContent(endpoint.Query.Append("__RequestVerificationToken").Append("_handler")
                    .Select(n => KeyValuePair.Create(n, QueryValue(input, n))));
            case 1:
            {
                var upload = new MultipartFormDataContent();
                using var file = input.File();
                var bytes = new MemoryStream();
                file.CopyTo(bytes);
                if (input.Chance(0.3)) bytes.Write(new byte[3 * FuzzInput.OneMegabyte]);
                var content = new ByteArrayContent(bytes.ToArray());
                content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
                upload.Add(content, "file", "logbog.csv");
                foreach (var name in endpoint.Query) upload.Add(new StringContent(QueryValue(input, name)), name);
                return upload;
            }
            case 2:
                return new StringContent("{\"year\":" + input.Number("year") + ",\"note\":\"" + new string('x', 10_000) + "\"", Encoding.UTF8, "application/json");
            case 3:
                return new StringContent(input.Text() ?? "", Encoding.UTF8, "text/plain");
            default:
            {
                var bytes = new byte[input.Random.Next(0, 70_000)];
                input.Random.NextBytes(bytes);
                var content = new ByteArrayContent(bytes);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded");
                return content;
            }
        }
    }

    private static string Shorten(string text)
    {
        var flat = text.ReplaceLineEndings(" ");
        return flat.Length > 300 ? flat[..300] + "…" : flat;
    }
}
