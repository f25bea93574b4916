using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text;
using BoligSocialt.App.Auth;
using BoligSocialt.App.Data;
using Microsoft.EntityFrameworkCore;

namespace BoligSocialt.Tests.Security;

/// <summary>The kinds of record a fuzzed id points at; the id pools are filled from the database.</summary>
public enum FuzzRecord
{
    Case,
    Referral,
    Resident,
    LogbookEntry,
    GroupCourse,
    GroupSession,
    Goal,
    Agreement,
    AftercareCall,
    Staff,
}

/// <summary>Ids of every kind of record in a database, for fuzzed arguments that point at real records (of any scope).</summary>
public sealed class FuzzIds
{
    public Dictionary<FuzzRecord, List<Guid>> Guids { get; } = [];
    public List<int> Activities { get; private set; } = [];
    public List<int> Departments { get; private set; } = [];
    public List<int> Teams { get; private set; } = [];
    public List<string> ActivityCodes { get; private set; } = [];
    public List<string> DepartmentNames { get; private set; } = [];

    public static async Task<FuzzIds> LoadAsync(AppDbContext db)
    {
        var ids = new FuzzIds();
        var cases = await db.Cases.AsNoTracking().AsSplitQuery().ToListAsync();
        var courses = await db.GroupCourses.AsNoTracking().AsSplitQuery().ToListAsync();
        ids.Guids[FuzzRecord.Case] = cases.Select(c => c.Id).ToList();
        ids.Guids[FuzzRecord.Goal] = cases.SelectMany(c => c.Goals).Select(g => g.Id).ToList();
        ids.Guids[FuzzRecord.Agreement] = cases.SelectMany(c => c.Agreements).Select(a => a.Id).ToList();
        ids.Guids[FuzzRecord.AftercareCall] = cases.SelectMany(c => c.AftercareCalls).Select(a => a.Id).ToList();
        ids.Guids[FuzzRecord.Referral] = await db.Referrals.Select(r => r.Id).ToListAsync();
        ids.Guids[FuzzRecord.Resident] = await db.Residents.Select(r => r.Id).ToListAsync();
        ids.Guids[FuzzRecord.LogbookEntry] = await db.LogbookEntries.Select(e => e.Id).ToListAsync();
        ids.Guids[FuzzRecord.GroupCourse] = courses.Select(g => g.Id).ToList();
        ids.Guids[FuzzRecord.GroupSession] = courses.SelectMany(g => g.Sessions).Select(s => s.Id).ToList();
        ids.Guids[FuzzRecord.Staff] = await db.StaffMembers.Select(s => s.Id).ToListAsync();
        ids.Activities = await db.Activities.Select(a => a.Id).ToListAsync();
        ids.Departments = await db.Departments.Select(d => d.Id).ToListAsync();
        ids.Teams = await db.Teams.Select(t => t.Id).ToListAsync();
        ids.ActivityCodes = await db.Activities.Select(a => a.Code).ToListAsync();
        ids.DepartmentNames = await db.Departments.Select(d => d.Name).ToListAsync();
        return ids;
    }

    /// <summary>The records of each kind the actor may not see: what a caller outside the scope must never reach.</summary>
    public static async Task<Dictionary<FuzzRecord, List<Guid>>> OutOfScopeAsync(AppDbContext db, Actor actor)
    {
        var teamStaff = await db.StaffMembers.Where(s => s.TeamId == actor.TeamId).Select(s => s.Id).ToListAsync();
        return new Dictionary<FuzzRecord, List<Guid>>
        {
            [FuzzRecord.Case] = await db.Cases.Where(c => !db.VisibleCases(actor).Any(v => v.Id == c.Id)).Select(c => c.Id).ToListAsync(),
            [FuzzRecord.Referral] = await db.Referrals.Where(r => !db.VisibleReferrals(actor).Any(v => v.Id == r.Id)).Select(r => r.Id).ToListAsync(),
            [FuzzRecord.Resident] = await db.Residents.Where(r => !db.VisibleResidents(actor).Any(v => v.Id == r.Id)).Select(r => r.Id).ToListAsync(),
            [FuzzRecord.LogbookEntry] = await db.LogbookEntries.Where(e => !db.VisibleLogbookEntries(actor).Any(v => v.Id == e.Id)).Select(e => e.Id).ToListAsync(),
            [FuzzRecord.GroupCourse] = await db.GroupCourses.Where(g => !db.VisibleGroupCourses(actor).Any(v => v.Id == g.Id)).Select(g => g.Id).ToListAsync(),
            [FuzzRecord.Staff] = await db.StaffMembers.Where(s => !teamStaff.Contains(s.Id)).Select(s => s.Id).ToListAsync(),
        };
    }
}

/// <summary>No generator knows how to make a value of this type: the fuzz test names it, so that a new parameter gets one.</summary>
public sealed class NoFuzzGeneratorException(string message) : Exception(message);

/// <summary>
/// Random, hostile and oversized values of any parameter type, from a seeded <see cref="Random"/> so that a failure can
/// be replayed with its seed. Ids come from <see cref="FuzzIds"/> (by the parameter's name: <c>caseId</c> a case's …) or are
/// made up; strings are empty, blank, huge, control characters, NUL, emoji, SQL and CSV injection; numbers overflow;
/// dates are <see cref="DateOnly.MinValue"/>, <see cref="DateOnly.MaxValue"/> and the far future; enums out of range.
/// </summary>
public sealed class FuzzInput(int seed, FuzzIds ids, DateOnly today)
{
    public const int OneMegabyte = 1024 * 1024;

    private static readonly string Huge = new('x', OneMegabyte);
    private static readonly string HugeDanish = string.Concat(Enumerable.Repeat("Æblegrød på Ørstedsvej; ", 5_000));

    /// <summary>Strings that break careless code: blank, control characters, injection, bad surrogates, lengths just over the limits.</summary>
    public static readonly string[] HostileStrings =
    [
        "", " ", "   \t\r\n  ", "\0", "abc\0def", "\u0001\u0002\u001b[31m\u007f", "\u202Egnp.exe", "\uFEFF",
        "😀", "👩‍👩‍👧‍👦🏳️‍🌈 Åse Ærø", "\uD800", "x\uDC00y", "\uFFFF\uFFFE",
        "'; DROP TABLE Residents; --", "\" OR 1=1 --", "%' OR '1'='1", "=HYPERLINK(\"http://evil.example\")", "+cmd|' /C calc'!A0", "@SUM(1+1)", "-2+3",
        "<script>alert(1)</script>", "{0}{1}%s%n", "../../../etc/passwd", "C:\\Windows\\win.ini",
        "NaN", "-1", "99999999999999999999", "31-02-2024", "0000-00-00", "9999-12-31", "01-01-0001",
        "a;b;\"c\"\r\nd", "Åse", "aa", "Mentor", "ja",
        new string('y', 101), new string('z', 301), new string('n', 1001), new string('ø', 10_001),
    ];

    public int Seed => seed;

    public Random Random { get; } = new(seed);

    public T Pick<T>(IReadOnlyList<T> values) => values[Random.Next(values.Count)];

    public bool Chance(double p) => Random.NextDouble() < p;

    public string? Text()
    {
        var roll = Random.Next(100);
        if (roll < 5) return null;
        if (roll < 8) return Huge;
        if (roll < 10) return HugeDanish;
        if (roll < 70) return Pick(HostileStrings);
        if (roll < 85) return RandomChars(Random.Next(1, 40));
        return Pick(["Samtale om job", "Ahmed", "Jobcenter Odense", "Hanne Østergaard", "Granparken", "Opfølgning"]);
    }

    private string RandomChars(int length)
    {
        var text = new StringBuilder(length);
        for (var i = 0; i < length; i++) text.Append((char)Random.Next(0, 0x3000));
        return text.ToString();
    }

    public Guid Id(FuzzRecord? kind)
    {
        var roll = Random.Next(100);
        if (roll < 8) return Guid.Empty;
        if (roll < 15) return Guid.NewGuid();
        var pool = kind is { } k && ids.Guids.TryGetValue(k, out var own) && own.Count > 0 && roll < 85
            ? own
            : ids.Guids.Values.SelectMany(g => g).ToList();
        return pool.Count == 0 ? Guid.NewGuid() : Pick(pool);
    }

    private static readonly int[] HostileInts = [int.MinValue, -1_000_000, -1, 0, 1, 2, 3, 4, 5, 7, 100, 10_000, 10_001, int.MaxValue];

    public int Number(string name)
    {
        var lower = name.ToLowerInvariant();
        if (lower.Contains("year")) return Pick([int.MinValue, -1, 0, 1, 1999, 2019, 2021, 2024, today.Year, today.Year + 1, 9999, 10_000, int.MaxValue]);
        if (lower.Contains("quarter")) return Pick([int.MinValue, -1, 0, 1, 2, 3, 4, 5, int.MaxValue]);
        if (lower.Contains("activity") && ids.Activities.Count > 0 && Chance(0.7)) return Pick(ids.Activities);
        if ((lower.Contains("department") || lower.Contains("area")) && ids.Departments.Count > 0 && Chance(0.7)) return Pick(ids.Departments);
        if (lower.Contains("team") && ids.Teams.Count > 0 && Chance(0.7)) return Pick(ids.Teams);
        return Pick(HostileInts);
    }

    public DateOnly Date() => Random.Next(12) switch
    {
        0 => DateOnly.MinValue,
        1 => DateOnly.MaxValue,
        2 => new DateOnly(9000, 1, 1),
        3 => new DateOnly(1900, 1, 1),
        4 => today.AddDays(1),
        5 => today.AddYears(-130),
        6 => today,
        _ => today.AddDays(-Random.Next(0, 1200)),
    };

    public DateTime DateTime() => Random.Next(10) switch
    {
        0 => System.DateTime.MinValue,
        1 => System.DateTime.MaxValue,
        _ => Date().ToDateTime(new TimeOnly(Random.Next(24), Random.Next(60))),
    };

    /// <summary>A file for an upload: empty, binary, NUL bytes, a header with hostile lines, or a very long line.</summary>
    public Stream File()
    {
        var header = "dato;medarbejder;aktivitet;beboer_id;navn;foedselsdato;boligafdeling;registrering;resultat;antal;note";
        switch (Random.Next(7))
        {
            case 0: return new MemoryStream();
            case 1:
            {
                var bytes = new byte[Random.Next(1, 4096)];
                Random.NextBytes(bytes);
                return new MemoryStream(bytes);
            }
            case 2: return new MemoryStream(Encoding.UTF8.GetBytes(header + "\n" + new string('\0', 100)));
            case 3: return new MemoryStream(Encoding.UTF8.GetBytes(header + "\n" + today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + ";" + Huge));
            default:
            {
                var text = new StringBuilder(Random.Next(3) == 0 ? Pick(HostileStrings) : header).Append("\r\n");
                for (var line = Random.Next(1, 6); line > 0; line--)
                {
                    string Field() => Random.Next(3) == 0 ? (Text() ?? "") : "";
                    text.AppendJoin(';',
                        Chance(0.6) ? Date().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : Field(),
                        Chance(0.6) ? "Ahmed Hassan" : Field(),
                        Chance(0.6) && ids.ActivityCodes.Count > 0 ? Pick(ids.ActivityCodes) : Field(),
                        Chance(0.5) ? "legacy-" + Random.Next(5) : Field(),
                        Chance(0.5) ? "Fuzz Beboer" : Field(),
                        Chance(0.5) ? Date().ToString("dd-MM-yyyy", CultureInfo.InvariantCulture) : Field(),
                        Chance(0.5) && ids.DepartmentNames.Count > 0 ? Pick(ids.DepartmentNames) : Field(),
                        Chance(0.6) ? Pick(["Samtale", "Arrangement", "Opfølgning", "GroupSession"]) : Field(),
                        Chance(0.2) ? "OrdinaryJob" : Field(),
                        Chance(0.3) ? Number("antal").ToString(CultureInfo.InvariantCulture) : Field(),
                        Field().Replace(";", ",", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal)).Append("\r\n");
                }
                return new MemoryStream(Encoding.UTF8.GetBytes(text.ToString()));
            }
        }
    }

    /// <summary>
    /// A value of <paramref name="type"/> for the parameter (or property) called <paramref name="name"/>; the name picks the
    /// id pool (<c>caseId</c>: a case …). <paramref name="idKind"/> is the kind an unqualified <c>id</c> stands for.
    /// </summary>
    /// <exception cref="NoFuzzGeneratorException">No generator for the type.</exception>
    public object? Value(Type type, string name, FuzzRecord? idKind = null, bool mayBeNull = true)
    {
        if (type == typeof(CancellationToken)) return CancellationToken.None;
        if (Nullable.GetUnderlyingType(type) is { } inner) return Chance(0.2) ? null : Value(inner, name, idKind);
        if (type == typeof(string)) return Text() ?? (mayBeNull ? null : "");
        if (type == typeof(Guid)) return Id(RecordOf(name) ?? idKind);
        if (type == typeof(int)) return Number(name);
        if (type == typeof(bool)) return Chance(0.5);
        if (type == typeof(DateOnly)) return Date();
        if (type == typeof(DateTime)) return DateTime();
        if (type == typeof(Stream)) return File();
        if (type.IsEnum) return Enum(type);
        if (ElementType(type) is { } element)
        {
            var list = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(element))!;
            var count = Random.Next(10) == 0 ? 500 : Random.Next(0, 4);
            for (var i = 0; i < count; i++) list.Add(Value(element, name, idKind));
            return list;
        }
        if (DictionaryTypes(type) is var (key, value))
        {
            var dictionary = (IDictionary)Activator.CreateInstance(typeof(Dictionary<,>).MakeGenericType(key, value))!;
            for (var i = Random.Next(0, 5); i > 0; i--)
            {
                var k = Value(key, name, idKind)!;
                if (!dictionary.Contains(k)) dictionary.Add(k, Value(value, name, idKind));
            }
            return dictionary;
        }
        if (type.IsClass && type.GetConstructor(Type.EmptyTypes) is { } empty && type.Namespace?.StartsWith("BoligSocialt", StringComparison.Ordinal) == true)
        {
            var instance = empty.Invoke(null);
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite && p.SetMethod!.IsPublic))
                property.SetValue(instance, Value(property.PropertyType, $"{name}.{property.Name}", idKind, MayBeNull(property)));
            return instance;
        }
        if (type.IsClass && type.Namespace?.StartsWith("BoligSocialt", StringComparison.Ordinal) == true
            && type.GetConstructors() is [{ } constructor])
            return constructor.Invoke(constructor.GetParameters().Select(p => Value(p.ParameterType, $"{name}.{p.Name}", idKind, MayBeNull(p))).ToArray());
        throw new NoFuzzGeneratorException($"no generator for {type} ({name})");
    }

    /// <summary>
    /// Whether C# lets a caller pass null here (a nullable reference type): a page cannot pass null where the compiler
    /// forbids it, so the fuzz test does not either.
    /// </summary>
    public static bool MayBeNull(ParameterInfo parameter) => new NullabilityInfoContext().Create(parameter).WriteState != NullabilityState.NotNull;

    public static bool MayBeNull(PropertyInfo property) => new NullabilityInfoContext().Create(property).WriteState != NullabilityState.NotNull;

    private object Enum(Type type)
    {
        var defined = System.Enum.GetValues(type);
        var underlying = System.Enum.GetUnderlyingType(type);
        if (Random.Next(5) == 0)
            return System.Enum.ToObject(type, Convert.ChangeType(Pick([-1, 99, int.MaxValue, 127]), underlying, CultureInfo.InvariantCulture));
        if (type.IsDefined(typeof(FlagsAttribute)) && Random.Next(3) == 0)
            return System.Enum.ToObject(type, Random.Next(0, 64));
        return defined.GetValue(Random.Next(defined.Length))!;
    }

    /// <summary>The record an id parameter points at, by its name: the last part first (<c>caseId</c>), then the path (<c>Residents.Id</c>).</summary>
    public static FuzzRecord? RecordOf(string name)
    {
        var parts = name.Split('.');
        foreach (var part in parts.Reverse())
        {
            var lower = part.ToLowerInvariant();
            FuzzRecord? kind = lower switch
            {
                _ when lower.StartsWith("case", StringComparison.Ordinal) => FuzzRecord.Case,
                _ when lower.StartsWith("referral", StringComparison.Ordinal) => FuzzRecord.Referral,
                _ when lower.StartsWith("resident", StringComparison.Ordinal) || lower is "survivorid" or "mergedid" => FuzzRecord.Resident,
                _ when lower.StartsWith("course", StringComparison.Ordinal) => FuzzRecord.GroupCourse,
                _ when lower.StartsWith("session", StringComparison.Ordinal) => FuzzRecord.GroupSession,
                _ when lower.StartsWith("goal", StringComparison.Ordinal) => FuzzRecord.Goal,
                _ when lower.StartsWith("agreement", StringComparison.Ordinal) => FuzzRecord.Agreement,
                _ when lower.StartsWith("call", StringComparison.Ordinal) => FuzzRecord.AftercareCall,
                _ when lower.StartsWith("staff", StringComparison.Ordinal) => FuzzRecord.Staff,
                _ when lower.StartsWith("entry", StringComparison.Ordinal) => FuzzRecord.LogbookEntry,
                _ => null,
            };
            if (kind is not null) return kind;
        }
        return null;
    }

    private static Type? ElementType(Type type)
    {
        if (type.IsArray) return type.GetElementType();
        if (!type.IsGenericType) return null;
        var definition = type.GetGenericTypeDefinition();
        return definition == typeof(IReadOnlyList<>) || definition == typeof(IReadOnlyCollection<>) || definition == typeof(List<>)
               || definition == typeof(IEnumerable<>) || definition == typeof(IList<>) || definition == typeof(ICollection<>)
            ? type.GetGenericArguments()[0]
            : null;
    }

    private static (Type Key, Type Value)? DictionaryTypes(Type type)
    {
        if (!type.IsGenericType) return null;
        var definition = type.GetGenericTypeDefinition();
        return definition == typeof(IReadOnlyDictionary<,>) || definition == typeof(IDictionary<,>) || definition == typeof(Dictionary<,>)
            ? (type.GetGenericArguments()[0], type.GetGenericArguments()[1])
            : null;
    }

    /// <summary>A short description of an argument for a failure message: never a megabyte of it.</summary>
    public static string Describe(object? value) => value switch
    {
        null => "null",
        string s => s.Length > 40 ? $"\"{s[..20]}…\" ({s.Length} chars)" : $"\"{s}\"",
        Stream s => $"stream({(s.CanSeek ? s.Length : -1)} bytes)",
        IEnumerable e and not string => $"[{string.Join(", ", e.Cast<object?>().Take(3).Select(Describe))}{(e.Cast<object?>().Skip(3).Any() ? ", …" : "")}]",
        _ when value.GetType().Namespace?.StartsWith("BoligSocialt", StringComparison.Ordinal) == true && !value.GetType().IsEnum =>
            value.GetType().Name + "{" + string.Join(", ", value.GetType().GetProperties().Where(p => p.GetIndexParameters().Length == 0)
                .Select(p => $"{p.Name}={Describe(p.GetValue(value))}")) + "}",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };
}
