using System.Net;
using System.Text;
using BoligSocialt.App.Auth;
using BoligSocialt.App.Data;
using BoligSocialt.App.Features.Audit;
using BoligSocialt.Tests.Startup;
using Microsoft.EntityFrameworkCore;

namespace BoligSocialt.Tests.Services;

/// <summary>
/// <c>GET /admin/revision/eksport</c> in the real app (Development, demo data): the filtered audit log as csv for
/// administrators only, 400 with a Danish text for a bad filter.
/// </summary>
public sealed class AuditLogExportEndpointTests(DevelopmentApp app) : IClassFixture<DevelopmentApp>
{
    private const string Administrator = "Birgit Holm";

    [Fact]
    public async Task An_administrator_downloads_the_filtered_rows_with_their_own_sign_in()
    {
        using var client = await app.SignedInClientAsync(Administrator);
        string id;
        await using (var db = app.Host.Db())
            id = (await db.StaffMembers.AsNoTracking().SingleAsync(s => s.Name == Administrator)).Id.ToString();

        var response = await client.GetAsync(AuditLogExportEndpoint.Url(new AuditLogFilter(Actor: id, Action: AuditAction.SignIn)));
        var text = Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(("text/csv", "utf-8"), (response.Content.Headers.ContentType?.MediaType, response.Content.Headers.ContentType?.CharSet));
        Assert.Equal("revisionslog.csv", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        Assert.StartsWith("\uFEFF" + AuditLogCsv.Header + "\r\n", text);
        var lines = text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries)[1..];
        Assert.NotEmpty(lines);
        Assert.All(lines, l => Assert.EndsWith($";Birgit Holm;{id};Logget ind;Medarbejder;{id}", l));
    }

    [Theory]
    [InlineData("Lone Mikkelsen")]
    [InlineData("Ahmed Hassan")]
    [InlineData("Peter Dahl")]
    public async Task Other_roles_are_refused(string name)
    {
        using var client = await app.SignedInClientAsync(name);

        var response = await client.GetAsync(AuditLogExportEndpoint.Path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith(SignIn.AccessDeniedPath, response.Headers.Location?.AbsolutePath ?? response.Headers.Location?.OriginalString);
    }

    [Theory]
    [InlineData("?handling=Xyz", "Ukendt handling 'Xyz'.")]
    [InlineData("?fra=01-05-2025", "Angiv fra-datoen som åååå-mm-dd.")]
    [InlineData("?fra=2025-05-02&til=2025-05-01", "Perioden skal begynde før eller på den dag, den slutter.")]
    [InlineData("?laesninger=ja&id=abc", "Angiv beboerens id for at se, hvem der har læst beboerens data.")]
    public async Task A_bad_filter_is_400_with_a_Danish_text(string query, string message)
    {
        using var client = await app.SignedInClientAsync(Administrator);

        var response = await client.GetAsync(AuditLogExportEndpoint.Path + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(message, await response.Content.ReadAsStringAsync());
    }
}
