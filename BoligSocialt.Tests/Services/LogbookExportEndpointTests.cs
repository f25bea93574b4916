using System.Net;
using System.Text;
using BoligSocialt.App.Auth;
using BoligSocialt.App.Features.Logbook;
using BoligSocialt.Tests.Startup;
using Microsoft.EntityFrameworkCore;

namespace BoligSocialt.Tests.Services;

/// <summary>
/// <c>GET /logbog/eksport</c> in the real app (Development, demo data): the file of a leader's scope for team leaders
/// and the head, refused to other roles and to nobody signed in, 400 with a Danish text for a bad request.
/// </summary>
public sealed class LogbookExportEndpointTests(DevelopmentApp app) : IClassFixture<DevelopmentApp>
{
    private const string TeamLeader = "Lone Mikkelsen";
    private const string Head = "Hanne Østergaard";
    private const string Mentor = "Ahmed Hassan";
    private const string Administrator = "Birgit Holm";

    private static readonly string Today = DateOnly.FromDateTime(DateTime.Today).ToString("yyyy-MM-dd");


    private async Task<Actor> ActorAsync(string name)
    {
        await using var db = app.Host.Db();
        var staff = await db.StaffMembers.AsNoTracking().SingleAsync(s => s.Name == name);
        return new Actor(staff.Id, staff.Roles, staff.TeamId);
    }

    [Theory]
    [InlineData(TeamLeader)]
    [InlineData(Head)]
    public async Task A_leader_downloads_the_file_of_their_scope(string name)
    {
        using var client = await app.SignedInClientAsync(name);

        var response = await client.GetAsync($"/logbog/eksport?fra=2000-01-01&til={Today}");
        var body = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(("text/csv", "utf-8"), (response.Content.Headers.ContentType?.MediaType, response.Content.Headers.ContentType?.CharSet));
        Assert.Equal($"logbog-2000-01-01-{Today}.csv", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var expected = new MemoryStream();
        await using (var db = app.Host.Db())
            await LogbookExport.WriteAsync(db, await ActorAsync(name), new LogbookExportRequest(new DateOnly(2000, 1, 1), DateOnly.FromDateTime(DateTime.Today)), expected, "test");
        Assert.Equal(expected.ToArray(), body);
        var text = Encoding.UTF8.GetString(body);
        Assert.StartsWith("\uFEFF" + LogbookExport.Header + "\r\n", text);
        Assert.True(text.Split("\r\n").Length > 10, "the demo logbook of the leader's team is in the file");
    }

    [Fact]
    public async Task One_activity_can_be_asked_for()
    {
        using var client = await app.SignedInClientAsync(TeamLeader);

        var response = await client.GetAsync($"/logbog/eksport?fra=2000-01-01&til={Today}&aktivitet=ubmj");
        var lines = (await response.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries)[1..];

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEmpty(lines);
        Assert.All(lines, l => Assert.Equal("UBMJ", l.Split(';')[2]));
    }

    [Theory]
    [InlineData(Mentor)]
    [InlineData(Administrator)]
    public async Task Other_roles_are_refused(string name)
    {
        using var client = await app.SignedInClientAsync(name);

        var response = await client.GetAsync($"/logbog/eksport?fra=2000-01-01&til={Today}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith(SignIn.AccessDeniedPath, response.Headers.Location?.AbsolutePath ?? response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Nobody_signed_in_is_sent_to_sign_in()
    {
        using var client = app.Host.Client();

        var response = await client.GetAsync($"/logbog/eksport?fra=2000-01-01&til={Today}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith(SignIn.DevelopmentPath, response.Headers.Location?.AbsolutePath ?? response.Headers.Location?.OriginalString);
    }

    [Theory]
    [InlineData("/logbog/eksport?fra=2025-01-01", "Angiv perioden som fra=åååå-mm-dd og til=åååå-mm-dd.")]
    [InlineData("/logbog/eksport?fra=01-01-2025&til=2025-03-31", "Angiv perioden som fra=åååå-mm-dd og til=åååå-mm-dd.")]
    [InlineData("/logbog/eksport?fra=2025-04-01&til=2025-03-31", "Perioden skal begynde før eller på den dag, den slutter.")]
    [InlineData("/logbog/eksport?fra=2025-01-01&til=2025-03-31&aktivitet=XYZ", "Ukendt aktivitet 'XYZ'.")]
    public async Task A_bad_request_is_400_with_a_Danish_text(string url, string message)
    {
        using var client = await app.SignedInClientAsync(TeamLeader);

        var response = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(message, await response.Content.ReadAsStringAsync());
    }
}
