using System.Globalization;
using System.Text;
using BoligSocialt.App.Auth;
using BoligSocialt.App.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace BoligSocialt.App.Features.Audit;

/// <summary>
/// <c>GET /admin/revision/eksport?person=…&amp;id=…&amp;handling=…&amp;fra=åååå-mm-dd&amp;til=åååå-mm-dd[&amp;laesninger=ja]</c>:
/// the audit log's rows of a filter as a csv file (<c>;</c>, UTF-8 with BOM, Danish headers), for administrators only.
/// A bad filter is answered 400 with a Danish text.
/// </summary>
public static class AuditLogExportEndpoint
{
    public const string Path = "/admin/revision/eksport";

    public static string Url(AuditLogFilter filter)
    {
        var query = new List<string>();
        if (!string.IsNullOrWhiteSpace(filter.Actor)) query.Add("person=" + Uri.EscapeDataString(filter.Actor));
        if (!string.IsNullOrWhiteSpace(filter.EntityId)) query.Add("id=" + Uri.EscapeDataString(filter.EntityId.Trim()));
        if (filter.Action is { } action) query.Add("handling=" + action);
        if (filter.From is { } from) query.Add("fra=" + Iso(from));
        if (filter.To is { } to) query.Add("til=" + Iso(to));
        if (filter.ResidentReads) query.Add("laesninger=ja");
        return query.Count == 0 ? Path : Path + "?" + string.Join("&", query);
    }

    public static void MapAuditLogExport(this WebApplication app) =>
        app.MapGet(Path, async (HttpContext http, AuditLogService audit, [FromQuery] string? person, [FromQuery] string? id,
                [FromQuery] string? handling, [FromQuery] string? fra, [FromQuery] string? til, [FromQuery] string? laesninger, CancellationToken ct) =>
            {
                AuditAction? action = null;
                if (!string.IsNullOrEmpty(handling))
                {
                    if (!Enum.TryParse<AuditAction>(handling, ignoreCase: false, out var parsed) || !Enum.IsDefined(parsed))
                        return Text($"Ukendt handling '{handling}'.");
                    action = parsed;
                }
                DateOnly? from = null, to = null;
                if (!string.IsNullOrEmpty(fra) && (from = Date(fra)) is null) return Text("Angiv fra-datoen som åååå-mm-dd.");
                if (!string.IsNullOrEmpty(til) && (to = Date(til)) is null) return Text("Angiv til-datoen som åååå-mm-dd.");
                if (from > to) return Text("Perioden skal begynde før eller på den dag, den slutter.");
                var residentReads = laesninger == "ja";
                if (residentReads && !Guid.TryParse(id, out _)) return Text("Angiv beboerens id for at se, hvem der har læst beboerens data.");

                // The service reads the actor from Blazor's authentication state, which outside a component is the request's user.
                if (http.RequestServices.GetRequiredService<AuthenticationStateProvider>() is IHostEnvironmentAuthenticationStateProvider state)
                    state.SetAuthenticationState(Task.FromResult(new AuthenticationState(http.User)));
                IReadOnlyList<AuditLogRow> rows;
                try
                {
                    rows = await audit.ExportAsync(new AuditLogFilter(person, id, action, from, to, residentReads), ct);
                }
                catch (NotFoundException)
                {
                    return Results.NotFound();
                }
                return Results.File(AuditLogCsv.Write(rows), "text/csv; charset=utf-8", "revisionslog.csv");
            })
            .RequireAuthorization(new AuthorizeAttribute(SignIn.StaffPolicyName), new AuthorizeAttribute { Roles = Roles.Administrator });

    private static IResult Text(string message) =>
        Results.Text(message, "text/plain; charset=utf-8", Encoding.UTF8, StatusCodes.Status400BadRequest);

    private static DateOnly? Date(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

/// <summary>The audit log's rows as csv: <c>;</c>-separated, UTF-8 with BOM, Danish headers, local time.</summary>
public static class AuditLogCsv
{
    public const string Header = "Tidspunkt;Person;Person-id;Handling;Posttype;Post-id";

    public static byte[] Write(IEnumerable<AuditLogRow> rows)
    {
        var text = new StringBuilder().Append(Header).Append("\r\n");
        foreach (var r in rows)
            text.AppendJoin(';', [
                    r.At.ToString("dd-MM-yyyy HH:mm:ss", CultureInfo.InvariantCulture), Field(r.ActorName), Field(r.Actor),
                    r.Action.Danish(), Field(AuditLogText.EntityTypeDanish(r.EntityType)), Field(r.EntityId)])
                .Append("\r\n");
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    private static string Field(string value) =>
        value.IndexOfAny([';', '"', '\r', '\n']) < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
