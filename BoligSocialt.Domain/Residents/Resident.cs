using BoligSocialt.Domain.Common;

namespace BoligSocialt.Domain.Residents;

/// <summary>
/// A resident (beboer). Identity is this record: no CPR number is needed to count unique residents;
/// duplicates are avoided at creation and merged afterwards.
/// </summary>
public sealed class Resident
{
    public const int NameMaxLength = 100;
    public const int PhoneMaxLength = 20;
    public const int LegacyIdMaxLength = 100;
    /// <summary>The name an anonymised record carries instead of the person's.</summary>
    public const string AnonymisedName = "Anonymiseret beboer";

    private readonly List<Residence> _residences = [];
    private readonly List<AreaResidence> _areaHistory = [];

    public Guid Id { get; private set; }
    public string Name { get; private set; } = "";
    /// <summary>The name folded for search (<see cref="SearchText.Fold"/>).</summary>
    public string SearchName { get; private set; } = "";
    public DateOnly BirthDate { get; private set; }
    public string? Phone { get; private set; }
    public Consent? RegistrationConsent { get; private set; }
    public Consent? SharingConsent { get; private set; }
    /// <summary>Who created the record: until a referral or case exists, only they (and their leader) see it.</summary>
    public Guid? CreatedById { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    /// <summary>Set when this record was merged into another: every count follows the survivor.</summary>
    public Guid? MergedIntoId { get; private set; }
    /// <summary>The resident's id in a legacy logbook this record was imported from; re-imports match on it.</summary>
    public string? LegacyId { get; private set; }
    public IReadOnlyCollection<Residence> Residences => _residences.AsReadOnly();
    /// <summary>
    /// Set when the record was anonymised under the retention schedule: the name and phone are gone, the birth date is
    /// 1 January of the birth year (only the year is kept), and the residence history is kept as housing areas only
    /// (<see cref="AreaHistory"/>).
    /// </summary>
    public DateTimeOffset? AnonymisedAt { get; private set; }
    /// <summary>An anonymised record's residence history: the housing areas and from when, without departments.</summary>
    public IReadOnlyCollection<AreaResidence> AreaHistory => _areaHistory.AsReadOnly();

    private Resident() { }

    public Resident(string name, DateOnly birthDate, string? phone, Guid? createdById, DateTimeOffset now)
    {
        Id = Guid.CreateVersion7();
        CreatedById = createdById;
        CreatedAt = now;
        UpdateDetails(name, birthDate, phone, DateOnly.FromDateTime(now.Date));
    }

    public void UpdateDetails(string name, DateOnly birthDate, string? phone, DateOnly today)
    {
        EnsureNotAnonymised();
        if (birthDate > today) throw new DomainException("Fødselsdatoen kan ikke ligge i fremtiden.");
        if (birthDate < today.AddYears(-120)) throw new DomainException("Fødselsdatoen er for langt tilbage.");
        Name = Guard.Text(name, "Navn", NameMaxLength);
        SearchName = SearchText.Fold(Name);
        BirthDate = birthDate;
        Phone = NormalisePhone(phone);
    }

    /// <summary>Records that the resident lives in a department from a date (moving in, or moving).</summary>
    public void MoveTo(int departmentId, DateOnly from)
    {
        EnsureNotAnonymised();
        if (_residences.Any(r => r.From == from))
            throw new DomainException("Der er allerede registreret en boligafdeling fra den dato.");
        var current = DepartmentOn(from);
        if (current == departmentId) throw new DomainException("Beboeren bor allerede i den boligafdeling på den dato.");
        _residences.Add(new Residence(departmentId, from));
    }

    /// <summary>Corrects the date the resident moved into the department they live in now (a typing error, not a move).</summary>
    public void CorrectLatestMoveDate(DateOnly from)
    {
        var latest = _residences.MaxBy(r => r.From) ?? throw new DomainException("Der er ingen boligafdeling at rette datoen for.");
        if (_residences.Any(r => r != latest && r.From >= from))
            throw new DomainException("Datoen skal ligge efter den forrige flytning.");
        latest.Correct(from);
    }

    /// <summary>The department the resident lived in on a date, by the residence history.</summary>
    public int? DepartmentOn(DateOnly date) => ResidenceOn(date)?.DepartmentId;

    /// <summary>The line of the residence history in force on a date.</summary>
    public Residence? ResidenceOn(DateOnly date) => _residences.Where(r => r.From <= date).MaxBy(r => r.From);

    public void GiveRegistrationConsent(DateOnly givenOn, Guid recordedById, DateOnly today)
    {
        Guard.NotInFuture(givenOn, today, "Datoen for samtykke");
        RegistrationConsent = new Consent(givenOn, recordedById);
    }

    public void GiveSharingConsent(DateOnly givenOn, Guid recordedById, DateOnly today)
    {
        Guard.NotInFuture(givenOn, today, "Datoen for samtykke");
        SharingConsent = new Consent(givenOn, recordedById);
    }

    public void WithdrawSharingConsent() => SharingConsent = null;

    public bool IsMerged => MergedIntoId is not null;

    public bool IsAnonymised => AnonymisedAt is not null;

    /// <summary>
    /// Removes what identifies the person: name, phone, the birth date down to the year (1 January of it), and the
    /// departments of the residence history, which is kept as housing areas (consecutive lines in the same area become
    /// one). Consents, the legacy id and the links to cases, referrals, outcomes and the logbook stay: they hold no name,
    /// and the figures already reported rest on them. Use <see cref="Anonymisation"/>, which first keeps what the figures
    /// need of the birth date.
    /// </summary>
    /// <param name="housingAreaOf">The housing area of a department.</param>
    internal void Anonymise(Func<int, int> housingAreaOf, DateTimeOffset now)
    {
        EnsureNotAnonymised();
        Name = AnonymisedName;
        SearchName = SearchText.Fold(Name);
        Phone = null;
        BirthDate = new DateOnly(BirthDate.Year, 1, 1);
        int? previous = null;
        foreach (var line in _residences.OrderBy(r => r.From))
        {
            var area = housingAreaOf(line.DepartmentId);
            if (area != previous) _areaHistory.Add(new AreaResidence(area, line.From));
            previous = area;
        }
        _residences.Clear();
        AnonymisedAt = now;
    }

    public void LinkLegacyId(string legacyId)
    {
        if (LegacyId is not null) throw new DomainException("Beboeren er allerede knyttet til et id i en gammel logbog.");
        LegacyId = Guard.Text(legacyId, "Beboer-id", LegacyIdMaxLength);
    }

    /// <summary>The first date on which this record and another say the resident moved into different departments.</summary>
    internal DateOnly? ConflictingMoveDate(Resident other) =>
        _residences.Where(mine => other._residences.Any(theirs => theirs.From == mine.From && theirs.DepartmentId != mine.DepartmentId))
            .Select(mine => (DateOnly?)mine.From)
            .Min();

    /// <summary>
    /// Part of a merge (<see cref="ResidentMerger"/>): takes the other record's residence history, consents and phone
    /// where this record lacks them. Assumes <see cref="ConflictingMoveDate"/> found no conflict.
    /// </summary>
    internal void TakeDetailsOf(Resident merged)
    {
        foreach (var line in merged._residences.Where(theirs => !_residences.Any(mine => mine.From == theirs.From)))
            _residences.Add(new Residence(line.DepartmentId, line.From));
        RegistrationConsent = Earlier(RegistrationConsent, merged.RegistrationConsent);
        SharingConsent = Earlier(SharingConsent, merged.SharingConsent);
        Phone ??= merged.Phone;
    }

    internal void MarkMergedInto(Resident survivor) => MergedIntoId = survivor.Id;

    // A copy of the other record's consent: the two records never share one value.
    private static Consent? Earlier(Consent? mine, Consent? theirs) =>
        theirs is not null && (mine is null || theirs.GivenOn < mine.GivenOn) ? theirs with { } : mine;

    public int AgeOn(DateOnly date) => BirthDate.AgeOn(date);

    private void EnsureNotAnonymised()
    {
        if (IsAnonymised) throw new DomainException("Beboeren er anonymiseret efter opbevaringsreglen og kan ikke ændres.");
    }

    private static string? NormalisePhone(string? phone)
    {
        var trimmed = phone?.Trim();
        if (string.IsNullOrEmpty(trimmed)) return null;
        var compact = trimmed.Where(c => !char.IsWhiteSpace(c) && c != '-').ToArray();
        var digits = compact.Length > 0 && compact[0] == '+' ? compact[1..] : compact;
        if (digits.Any(c => !char.IsAsciiDigit(c)) || digits.Length < 8 || compact.Length > PhoneMaxLength)
            throw new DomainException("Telefonnummeret skal bestå af mindst 8 cifre (evt. med + foran).");
        return new string(compact);
    }
}

/// <summary>A resident's consent: when it was given and which staff member recorded it.</summary>
public sealed record Consent(DateOnly GivenOn, Guid RecordedById);

/// <summary>One line of a resident's residence history: lives in a department from a date.</summary>
public sealed class Residence
{
    public int Id { get; private set; }
    public int DepartmentId { get; private set; }
    public DateOnly From { get; private set; }

    private Residence() { }

    internal Residence(int departmentId, DateOnly from)
    {
        DepartmentId = departmentId;
        From = from;
    }

    internal void Correct(DateOnly from) => From = from;
}

/// <summary>One line of an anonymised resident's residence history: lived in a housing area from a date.</summary>
public sealed class AreaResidence
{
    public int Id { get; private set; }
    public int HousingAreaId { get; private set; }
    public DateOnly From { get; private set; }

    private AreaResidence() { }

    internal AreaResidence(int housingAreaId, DateOnly from)
    {
        HousingAreaId = housingAreaId;
        From = from;
    }
}
