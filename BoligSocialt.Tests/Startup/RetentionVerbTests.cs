using BoligSocialt.App;
using BoligSocialt.Domain.Residents;
using BoligSocialt.Domain.Staff;
using BoligSocialt.Tests.Services;
using BoligSocialt.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace BoligSocialt.Tests.Startup;

/// <summary>
/// The <c>retention</c> verb on the real clock: a former resident whose case closed in mid-2021 is due under the
/// default five years from mid-2026 on; one with an open case never is.
/// </summary>
public sealed class RetentionVerbTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private Resident _former = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        var mentor = await _database.AddStaffAsync("Mette Mentor", StaffRoles.Mentor, "Team1");
        (_former, _) = await RetentionScenario.FormerResidentAsync(_database, mentor.StaffMemberId, "Amina Hussein");
        await RetentionScenario.ResidentWithOpenCaseAsync(_database, mentor.StaffMemberId, "Omar Abdi");
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task Dry_run_prints_the_counts_in_Danish_and_changes_nothing()
    {
        var auditRows = await Scenario.CountRowsAsync(_database, "AuditEntries");

        var (exitCode, output, error) = await Verb.RunAsync("retention", "--dry-run", "--database", _database.Path);

        Assert.Equal((CommandLine.Success, ""), (exitCode, error));
        Assert.Contains("Opbevaringsregel: 5 år.", output);
        Assert.Contains("Prøvekørsel, intet er ændret. Ville blive anonymiseret: 1 beboer.", output);
        Assert.Contains("  noter i logbogen fjernet: 1", output);
        Assert.DoesNotContain("Amina", output);
        await using var db = _database.CreateDbContext();
        Assert.Equal(0, await db.Residents.CountAsync(r => r.AnonymisedAt != null));
        Assert.Equal("Amina Hussein", (await db.Residents.SingleAsync(r => r.Id == _former.Id)).Name);
        Assert.Equal(auditRows, await Scenario.CountRowsAsync(_database, "AuditEntries"));
        Assert.Null((await db.RetentionSchedules.SingleAsync()).LastRunAt);
    }

    [Fact]
    public async Task Without_dry_run_it_anonymises_and_prints_what_it_did()
    {
        var (exitCode, output, error) = await Verb.RunAsync("retention", "--database", _database.Path);

        Assert.Equal((CommandLine.Success, ""), (exitCode, error));
        Assert.Contains("Anonymiseret: 1 beboer.", output);
        await using var db = _database.CreateDbContext();
        var gone = await db.Residents.SingleAsync(r => r.Id == _former.Id);
        Assert.Equal((Resident.AnonymisedName, true), (gone.Name, gone.IsAnonymised));
        Assert.Equal(1, await db.Residents.CountAsync(r => r.AnonymisedAt != null));
    }

    [Fact]
    public async Task An_unknown_option_is_refused_with_the_usage()
    {
        var (exitCode, _, error) = await Verb.RunAsync("retention", "--dry-runs");

        Assert.Equal(CommandLine.BadInput, exitCode);
        Assert.Contains("Ukendt tilvalg '--dry-runs' til retention.", error);
        Assert.Contains("--dry-run", error);
    }
}
