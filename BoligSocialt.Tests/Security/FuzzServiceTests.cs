using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using BoligSocialt.App.Auth;
using BoligSocialt.App.Data;
using BoligSocialt.App.Features.Cases;
using BoligSocialt.App.Features.Referrals;
using BoligSocialt.Domain.Common;
using BoligSocialt.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Xunit.Abstractions;

namespace BoligSocialt.Tests.Security;

/// <summary>
/// Bad input to every form, through the services behind them (a Blazor form posts over the circuit, so its service is
/// what a hostile or clumsy user reaches): every public async method of every service in BoligSocialt.App/Features, found
/// by reflection, is called as every demo role with random, hostile and oversized arguments on the demo data. Each call
/// succeeds or is refused with the app's Danish refusals (<see cref="DomainException"/>, <see cref="NotFoundException"/>,
/// <see cref="ValidationException"/>): anything else (a NullReferenceException, a DbUpdateException …) is a 500 or a
/// broken circuit for the user. A staff member of team 2 reaches none of team 1's records. Seeded: the seed of a failure is
/// in its message, and <c>FUZZ_SEED</c> replays it.
/// </summary>
public sealed class FuzzServiceTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int CallsPerMethodAndRole = 4;

    /// <summary>The demo staff, one of each role (and both teams' caseworkers).</summary>
    public static readonly string[] DemoActors =
        ["Lone Mikkelsen", "Ahmed Hassan", "Karim Yousef", "Jonas Berg", "Hanne Østergaard", "Peter Dahl", "Birgit Holm"];

    /// <summary>The kind of record an unqualified <c>id</c> parameter of a service stands for.</summary>
    private static readonly Dictionary<string, FuzzRecord> IdOf = new()
    {
        ["CaseQueries"] = FuzzRecord.Case,
        ["ReferralService"] = FuzzRecord.Referral,
        ["ResidentService"] = FuzzRecord.Resident,
        ["ResidentMergeService"] = FuzzRecord.Resident,
        ["LogbookService"] = FuzzRecord.LogbookEntry,
        ["GroupCourseService"] = FuzzRecord.GroupCourse,
        ["StaffService"] = FuzzRecord.Staff,
    };

    /// <summary>
    /// Methods whose first id may be out of the caller's scope on purpose, with why: the scope-leak test skips them.
    /// </summary>
    private static readonly Dictionary<string, string> OrganisationWide = new()
    {
        ["ReferralService.ResidentChoiceAsync"] = "intake chooses any resident of the organisation (name and birth date), an audited read",
        ["LogbookService.ChooseResidentAsync"] = "the logbook names any consenting resident of the organisation, an audited read",
        ["LogbookService.IsNoteSavedAsync"] = "answers only whether the caller's own visible entry has the note: false for anyone else's",
    };

    private TestDatabase _database = null!;
    private FuzzIds _ids = null!;
    private Dictionary<string, Actor> _actors = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        await using var db = _database.CreateDbContext();
        await DemoData.SeedAsync(db, TimeProvider.System);
        _ids = await FuzzIds.LoadAsync(db);
        _actors = await db.StaffMembers.AsNoTracking().ToDictionaryAsync(s => s.Name, s => new Actor(s.Id, s.Roles, s.TeamId));
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private static int Seed(int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable("FUZZ_SEED"), out var seed) ? seed : fallback;

    /// <summary>The services: classes of the features that read the database or the signed-in user.</summary>
    public static IReadOnlyList<Type> Services() =>
        typeof(CaseService).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false, IsPublic: true }
                && !typeof(IHostedService).IsAssignableFrom(t)
                && t.Namespace?.StartsWith("BoligSocialt.App.Features", StringComparison.Ordinal) == true
                && t.GetConstructors().Any(c => c.GetParameters().Any(p =>
                    p.ParameterType == typeof(ICurrentUser) || p.ParameterType == typeof(IDbContextFactory<AppDbContext>))))
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .ToList();

    public static IEnumerable<MethodInfo> AsyncMethods(Type service) =>
        service.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(m => typeof(Task).IsAssignableFrom(m.ReturnType))
            .OrderBy(m => m.Name, StringComparer.Ordinal).ThenBy(m => m.GetParameters().Length);

    private ServiceProvider Provider(FakeCurrentUser user)
    {
        var services = new ServiceCollection()
            .AddSingleton<IDbContextFactory<AppDbContext>>(_database)
            .AddSingleton<ICurrentUser>(user)
            .AddSingleton(TimeProvider.System)
            .AddSingleton<ReferralEvents>()
            .AddLogging();
        foreach (var service in Services()) services.AddScoped(service);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    private static bool IsRefusal(Exception e) => e is DomainException or NotFoundException or ValidationException;

    [Fact]
    public void Every_service_is_found_and_every_parameter_has_a_generator()
    {
        var services = Services();
        Assert.Contains(typeof(CaseService), services);
        Assert.Contains(typeof(ReferralService), services);
        Assert.Contains(typeof(App.Features.Logbook.LogbookImportService), services);
        Assert.Contains(typeof(App.Features.Audit.AuditLogService), services);
        var input = new FuzzInput(1, new FuzzIds(), new DateOnly(2026, 1, 1));
        var uncovered = new List<string>();
        foreach (var service in services)
        foreach (var method in AsyncMethods(service))
        foreach (var parameter in method.GetParameters())
        {
            try
            {
                for (var i = 0; i < 20; i++) input.Value(parameter.ParameterType, parameter.Name!, mayBeNull: FuzzInput.MayBeNull(parameter));
            }
            catch (NoFuzzGeneratorException e)
            {
                uncovered.Add($"{service.Name}.{method.Name}: {e.Message}");
            }
        }
        Assert.True(uncovered.Count == 0, "Methods the fuzz test cannot call (add a generator to FuzzInput):\n" + string.Join("\n", uncovered));
    }

    [Fact]
    public async Task Every_service_method_as_every_role_refuses_bad_input_in_Danish_and_never_fails_otherwise()
    {
        var seed = Seed(20_261_124);
        var input = new FuzzInput(seed, _ids, TimeProvider.System.Today());
        var user = new FakeCurrentUser(_actors[DemoActors[0]]);
        await using var provider = Provider(user);
        var failures = new List<string>();
        var calls = 0;
        foreach (var service in Services())
        foreach (var method in AsyncMethods(service))
        foreach (var name in DemoActors)
        {
            user.Actor = _actors[name];
            for (var i = 0; i < CallsPerMethodAndRole; i++)
            {
                var args = await ArgumentsAsync(input, service, method);
                calls++;
                await using var scope = provider.CreateAsyncScope();
                var error = await CallAsync(scope.ServiceProvider.GetRequiredService(service), method, args);
                if (error is null || IsRefusal(error) && !string.IsNullOrWhiteSpace(error.Message)) continue;
                failures.Add($"{service.Name}.{method.Name} as {name}: {error.GetType().Name}: {FirstLine(error.Message)}\n" +
                    $"    at {TopFrame(error)}\n    args: {string.Join(", ", args.Select(FuzzInput.Describe))}");
            }
        }
        output.WriteLine($"{calls} calls, seed {seed}");
        // One of each kind: the same method failing the same way for another role or other arguments is the same bug.
        var distinct = failures.DistinctBy(f => f.Split(" as ")[0] + f.Split(':')[1] + f.Split('\n')[1]).ToList();
        Assert.True(distinct.Count == 0,
            $"{distinct.Count} kinds of failure in {calls} calls (seed {seed}, replay with FUZZ_SEED={seed}):\n" + string.Join("\n", distinct.Take(40)));
    }

    [Theory]
    [InlineData("Karim Yousef")]
    [InlineData("Mette Lund")]
    public async Task A_caseworker_of_team_2_reaches_nothing_of_team_1_and_changes_nothing(string name)
    {
        var seed = Seed(4_711 + name.Length);
        var actor = _actors[name];
        Dictionary<FuzzRecord, List<Guid>> outside;
        await using (var db = _database.CreateDbContext())
            outside = await FuzzIds.OutOfScopeAsync(db, actor);
        Assert.All(outside, kind => Assert.NotEmpty(kind.Value));
        var input = new FuzzInput(seed, _ids, TimeProvider.System.Today());
        var user = new FakeCurrentUser(actor);
        await using var provider = Provider(user);
        var before = await SnapshotAsync();
        var failures = new List<string>();
        var covered = 0;
        foreach (var service in Services())
        foreach (var method in AsyncMethods(service))
        {
            var parameters = method.GetParameters();
            var first = parameters.FirstOrDefault(p => p.ParameterType == typeof(Guid) || p.ParameterType == typeof(Guid?));
            if (first is null || OrganisationWide.ContainsKey($"{service.Name}.{method.Name}")) continue;
            var kind = FuzzInput.RecordOf(first.Name!) ?? (IdOf.TryGetValue(service.Name, out var byService) ? byService : null);
            Assert.True(kind is not null, $"{service.Name}.{method.Name}: which record is '{first.Name}'? Add it to IdOf.");
            if (!outside.TryGetValue(kind.Value, out var theirs)) continue;
            covered++;
            for (var i = 0; i < 6; i++)
            {
                var args = await ArgumentsAsync(input, service, method);
                args[Array.IndexOf(parameters, first)] = input.Pick(theirs);
                await using var scope = provider.CreateAsyncScope();
                var error = await CallAsync(scope.ServiceProvider.GetRequiredService(service), method, args);
                if (error is NotFoundException) continue;
                failures.Add($"{service.Name}.{method.Name}({first.Name}: another scope's {kind}) answered " +
                    (error is null ? "without refusing" : $"{error.GetType().Name}: {FirstLine(error.Message)}") +
                    $"\n    args: {string.Join(", ", args.Select(FuzzInput.Describe))}");
            }
        }

        Assert.True(covered >= 30, $"only {covered} methods take a record's id");
        Assert.True(failures.Count == 0, $"seed {seed} (FUZZ_SEED={seed}):\n" + string.Join("\n", failures.Distinct().Take(30)));
        Assert.Equal(before, await SnapshotAsync());
    }

    [Theory]
    [InlineData("Karim Yousef")]
    [InlineData("Mette Lund")]
    public async Task What_a_caseworker_of_team_2_gets_back_names_no_record_of_team_1(string name)
    {
        var seed = Seed(99 + name.Length);
        var actor = _actors[name];
        HashSet<string> hidden;
        await using (var db = _database.CreateDbContext())
        {
            var outside = await FuzzIds.OutOfScopeAsync(db, actor);
            // Residents are left out: intake and the logbook search the whole organisation for a person on purpose.
            hidden = new[] { FuzzRecord.Case, FuzzRecord.Referral, FuzzRecord.LogbookEntry, FuzzRecord.GroupCourse }
                .SelectMany(k => outside[k]).Select(id => id.ToString()).ToHashSet();
        }
        var input = new FuzzInput(seed, _ids, TimeProvider.System.Today());
        var user = new FakeCurrentUser(actor);
        await using var provider = Provider(user);
        var leaks = new List<string>();
        var answered = 0;
        foreach (var service in Services())
        foreach (var method in AsyncMethods(service).Where(m => m.ReturnType.IsGenericType))
        {
            for (var i = 0; i < 6; i++)
            {
                var args = await ArgumentsAsync(input, service, method);
                await using var scope = provider.CreateAsyncScope();
                var (error, result) = await CallForResultAsync(scope.ServiceProvider.GetRequiredService(service), method, args);
                if (error is not null) continue;
                answered++;
                var json = JsonSerializer.Serialize(result, Json);
                if (hidden.FirstOrDefault(json.Contains) is { } leaked)
                    leaks.Add($"{service.Name}.{method.Name} returned {leaked}, out of {name}'s scope; args: {string.Join(", ", args.Select(FuzzInput.Describe))}");
            }
        }
        Assert.True(answered > 50, $"only {answered} calls answered");
        Assert.True(leaks.Count == 0, $"seed {seed}:\n" + string.Join("\n", leaks.Take(20)));
    }

    private static readonly JsonSerializerOptions Json = new() { ReferenceHandler = ReferenceHandler.IgnoreCycles, MaxDepth = 64 };

    /// <summary>Random arguments; an expected version is mostly the record's real one, so that the change itself is reached.</summary>
    private async Task<object?[]> ArgumentsAsync(FuzzInput input, Type service, MethodInfo method)
    {
        var parameters = method.GetParameters();
        var idKind = IdOf.TryGetValue(service.Name, out var k) ? k : (FuzzRecord?)null;
        var args = parameters.Select(p => input.Value(p.ParameterType, p.Name!, idKind, FuzzInput.MayBeNull(p))).ToArray();
        var version = Array.FindIndex(parameters, p => p.Name == "expectedVersion");
        if (version >= 0 && input.Chance(0.8) && args.OfType<Guid>().FirstOrDefault() is var id)
        {
            await using var db = _database.CreateDbContext();
            var current = await db.Cases.Where(c => c.Id == id).Select(c => (int?)c.Version).SingleOrDefaultAsync()
                ?? await db.Referrals.Where(r => r.Id == id).Select(r => (int?)r.Version).SingleOrDefaultAsync();
            if (current is { } v) args[version] = v;
        }
        return args;
    }

    private static async Task<Exception?> CallAsync(object service, MethodInfo method, object?[] args) =>
        (await CallForResultAsync(service, method, args)).Error;

    private static async Task<(Exception? Error, object? Result)> CallForResultAsync(object service, MethodInfo method, object?[] args)
    {
        try
        {
            var task = (Task)method.Invoke(service, args)!;
            await task;
            return (null, method.ReturnType.IsGenericType ? method.ReturnType.GetProperty("Result")!.GetValue(task) : null);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            return (e.InnerException, null);
        }
        catch (Exception e)
        {
            return (e, null);
        }
        finally
        {
            foreach (var stream in args.OfType<Stream>()) await stream.DisposeAsync();
        }
    }

    /// <summary>Every row of every table but the audit log (reads are audited), as text: equal before and after means nothing changed.</summary>
    private async Task<string> SnapshotAsync()
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = _database.Path, Pooling = false }.ToString());
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'AuditEntries' ORDER BY name";
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync()) tables.Add(reader.GetString(0));
        }
        var text = new StringBuilder();
        foreach (var table in tables)
        {
            await using var select = connection.CreateCommand();
            select.CommandText = $"SELECT * FROM \"{table}\" ORDER BY 1";
            await using var reader = await select.ExecuteReaderAsync();
            text.Append(table).Append('\n');
            while (await reader.ReadAsync())
            {
                for (var i = 0; i < reader.FieldCount; i++) text.Append(reader.IsDBNull(i) ? "∅" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)).Append('|');
                text.Append('\n');
            }
        }
        return text.ToString();
    }

    private static string FirstLine(string message)
    {
        var line = message.Split('\n')[0].Trim();
        return line.Length > 200 ? line[..200] + "…" : line;
    }

    private static string TopFrame(Exception e) =>
        e.StackTrace?.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Contains("BoligSocialt", StringComparison.Ordinal))
        ?? e.StackTrace?.Split('\n').FirstOrDefault()?.Trim() ?? "";
}
