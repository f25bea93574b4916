using System.Text;
using BoligSocialt.App.Auth;
using BoligSocialt.App.Data;
using BoligSocialt.Domain.Common;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace BoligSocialt.App.Features.Logbook;

/// <summary>
/// <c>GET /logbog/eksport?fra=åååå-mm-dd&amp;til=åååå-mm-dd[&amp;aktivitet=KODE]</c>: the logbook of a period in the
/// import format, as a file, for team leaders and the head, of their scope (<see cref="AccessRule.VisibleLogbookEntries"/>).
/// A bad request is answered 400 with a Danish text.
/// </summary>
public static class LogbookExportEndpoint
{
    public const string Path = "/logbog/eksport";

    public static string Url(DateOnly from, DateOnly to, string? activityCode) =>
        $"{Path}?fra={from.ToIso()}&til={to.ToIso()}{(activityCode is null ? "" : "&aktivitet=" + Uri.EscapeDataString(activityCode))}";

    public static void MapLogbookExport(this WebApplication app) =>
        app.MapGet(Path, async (HttpContext http, IDbContextFactory<AppDbContext> factory,
                [FromQuery] string? fra, [FromQuery] string? til, [FromQuery] string? aktivitet, CancellationToken ct) =>
            {
                if (Actor.FromPrincipal(http.User) is not { IsLeader: true } actor) return Results.NotFound();
                if (DanishDate.ParseIso(fra) is not { } from || DanishDate.ParseIso(til) is not { } to)
                    return Text(StatusCodes.Status400BadRequest, "Angiv perioden som fra=åååå-mm-dd og til=åååå-mm-dd.");
                var request = new LogbookExportRequest(from, to, string.IsNullOrWhiteSpace(aktivitet) ? null : aktivitet);
                await using var db = await factory.CreateDbContextAsync(ct);
                // Checked before the first byte is sent, so a refusal is an answer of its own and not half a file.
                if (from > to) return Text(StatusCodes.Status400BadRequest, "Perioden skal begynde før eller på den dag, den slutter.");
                if (request.ActivityCode is { } code && !await db.Activities.AnyAsync(a => a.Code.ToUpper() == code.Trim().ToUpper(), ct))
                    return Text(StatusCodes.Status400BadRequest, $"Ukendt aktivitet '{code}'.");
                http.Response.ContentType = "text/csv; charset=utf-8";
                http.Response.Headers.ContentDisposition = $"attachment; filename=\"{LogbookExport.FileName(request)}\"";
                await LogbookExport.WriteAsync(db, actor, request, http.Response.Body, actor.AuditName, ct);
                return Results.Empty;
            })
            .RequireAuthorization(new AuthorizeAttribute(SignIn.StaffPolicyName), new AuthorizeAttribute { Roles = Roles.Leaders });

    private static IResult Text(int status, string message) => Results.Text(message, "text/plain; charset=utf-8", Encoding.UTF8, status);

}
