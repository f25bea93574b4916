using System.Data.Common;
using BoligSocialt.App.Data;
using BoligSocialt.Domain.Cases;
using BoligSocialt.Domain.Logbook;
using BoligSocialt.Domain.Residents;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace BoligSocialt.App.Features.Logbook;

/// <summary>
/// Writes an import's new rows with one prepared INSERT per table, in the import's transaction, and the audit rows
/// <see cref="Data.Audit"/> writes for the same changes: a creation for each new entry, outcome and resident, an update for
/// each known resident whose residence history grew. Measured on the project's 2-core machine, EF Core's SaveChanges
/// costs about 50 µs per inserted row (a minimal context too) and a prepared command about 5 µs; a 100,000-line
/// logbook is some 325,000 rows. Column names and value conversions are EF Core's own (the relational model), and a
/// table with a column this writer does not know is refused, so a schema change cannot be skipped silently.
/// </summary>
internal static class LogbookImportWriter
{
    public static void Write(AppDbContext db, string auditActor, IReadOnlyCollection<Resident> newResidents,
        IReadOnlyCollection<(Guid ResidentId, int DepartmentId, DateOnly From)> residences, IReadOnlyCollection<Guid> movedResidents,
        IReadOnlyCollection<LogbookEntry> entries, IReadOnlyCollection<Outcome> outcomes)
    {
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("The import's rows are written in its transaction.");
        using (var table = new Table<Resident>(db, transaction, "Residents",
            [
                ("Id", r => r.Id), ("Name", r => r.Name), ("SearchName", r => r.SearchName), ("BirthDate", r => r.BirthDate), ("Phone", r => r.Phone),
                ("CreatedById", r => r.CreatedById), ("CreatedAt", r => r.CreatedAt), ("MergedIntoId", r => r.MergedIntoId), ("LegacyId", r => r.LegacyId),
                ("AnonymisedAt", r => r.AnonymisedAt),
            ],
            // An imported resident's consents are not known: they are recorded in the app later.
            leftNull: ["RegistrationConsentGivenOn", "RegistrationConsentRecordedById", "SharingConsentGivenOn", "SharingConsentRecordedById"]))
            foreach (var resident in newResidents) table.Insert(resident);
        using (var table = new Table<(Guid ResidentId, int DepartmentId, DateOnly From)>(db, transaction, "Residences",
            [("ResidentId", r => r.ResidentId), ("DepartmentId", r => r.DepartmentId), ("From", r => r.From)]))
            foreach (var residence in residences) table.Insert(residence);
        WriteLogbook(db, transaction, entries, outcomes);

        Audit(db, transaction, auditActor,
            newResidents.Select(r => (AuditAction.Create, nameof(Resident), r.Id))
                .Concat(movedResidents.Select(id => (AuditAction.Update, nameof(Resident), id)))
                .Concat(entries.Select(e => (AuditAction.Create, nameof(LogbookEntry), e.Id)))
                .Concat(outcomes.Select(o => (AuditAction.Create, nameof(Outcome), o.Id))));
    }

    /// <summary>Logbook entries with their participants, and outcomes, as rows in the transaction; no audit rows.</summary>
    public static void WriteLogbook(AppDbContext db, DbTransaction transaction, IReadOnlyCollection<LogbookEntry> entries, IReadOnlyCollection<Outcome> outcomes)
    {
        using (var table = new Table<LogbookEntry>(db, transaction, "LogbookEntries",
            [
                ("Id", e => e.Id), ("Date", e => e.Date), ("StaffMemberId", e => e.StaffMemberId), ("ActivityId", e => e.ActivityId), ("Kind", e => e.Kind),
                ("HeadCount", e => e.HeadCount), ("Note", e => e.Note), ("CaseId", e => e.CaseId), ("GroupCourseId", e => e.GroupCourseId),
                ("ImportKey", e => e.ImportKey), ("DeletedAt", e => e.DeletedAt), ("DeletedById", e => e.DeletedById), ("DeletionReason", e => e.DeletionReason),
            ]))
            foreach (var entry in entries) table.Insert(entry);
        using (var table = new Table<(Guid LogbookEntryId, Guid ResidentId)>(db, transaction, "LogbookParticipants",
            [("LogbookEntryId", p => p.LogbookEntryId), ("ResidentId", p => p.ResidentId)]))
            foreach (var entry in entries)
                foreach (var participant in entry.Participants) table.Insert((entry.Id, participant.ResidentId));
        using (var table = new Table<Outcome>(db, transaction, "Outcomes",
            [
                ("Id", o => o.Id), ("ResidentId", o => o.ResidentId), ("ActivityId", o => o.ActivityId), ("CaseId", o => o.CaseId), ("Kind", o => o.Kind),
                ("AchievedOn", o => o.AchievedOn), ("HousingAreaId", o => o.HousingAreaId), ("LogbookEntryId", o => o.LogbookEntryId),
                ("AgeBand", o => o.AgeBand),
            ]))
            foreach (var outcome in outcomes) table.Insert(outcome);
    }

    /// <summary>
    /// Audit rows as <see cref="Data.Audit"/> writes them (the record's id as text, in lower case), one prepared
    /// INSERT for all: the import's changes, and the export's reads of every entry and resident it writes.
    /// </summary>
    public static void Audit(AppDbContext db, DbTransaction transaction, string actor, IEnumerable<(AuditAction Action, string Type, Guid Id)> rows)
    {
        var now = DateTime.UtcNow;
        using var audit = new Table<(AuditAction Action, string Type, Guid Id)>(db, transaction, "AuditEntries",
            [("AtUtc", _ => now), ("Actor", _ => actor), ("Action", a => a.Action), ("EntityType", a => a.Type), ("EntityId", a => a.Id.ToString())]);
        foreach (var row in rows) audit.Insert(row);
    }

    /// <summary>A prepared INSERT into one table: a parameter per column, typed and converted as EF Core maps the column.</summary>
    private sealed class Table<T> : IDisposable
    {
        private readonly DbCommand _command;
        private readonly (DbParameter Parameter, ValueConverter? Converter, Func<T, object?> Value)[] _columns;

        public Table(AppDbContext db, DbTransaction transaction, string name, IReadOnlyList<(string Column, Func<T, object?> Value)> columns,
            IReadOnlyList<string>? leftNull = null)
        {
            var table = db.Model.GetRelationalModel().FindTable(name, null) ?? throw new InvalidOperationException($"No table {name} in the model.");
            var generated = table.Columns.Where(c => c.PropertyMappings.Any(m => m.Property.IsPrimaryKey() && m.Property.ValueGenerated == ValueGenerated.OnAdd));
            var unknown = table.Columns.Select(c => c.Name)
                .Except(columns.Select(c => c.Column)).Except(leftNull ?? []).Except(generated.Select(c => c.Name)).ToList();
            if (unknown.Count > 0)
                throw new InvalidOperationException($"The logbook import does not write {name}.{string.Join(", ", unknown)}: add the column to {nameof(LogbookImportWriter)}.");

            _command = db.Database.GetDbConnection().CreateCommand();
            _command.Transaction = transaction;
            _command.CommandText = $"INSERT INTO \"{name}\" ({string.Join(", ", columns.Select(c => $"\"{c.Column}\""))}) " +
                $"VALUES ({string.Join(", ", columns.Select((_, i) => $"$p{i}"))})";
            _columns = columns.Select((c, i) =>
            {
                var column = table.FindColumn(c.Column) ?? throw new InvalidOperationException($"No column {name}.{c.Column} in the model.");
                var mapping = column.PropertyMappings.First().TypeMapping;
                var parameter = mapping.CreateParameter(_command, $"$p{i}", null, column.IsNullable);
                _command.Parameters.Add(parameter);
                return (parameter, mapping.Converter, c.Value);
            }).ToArray();
            _command.Prepare();
        }

        public void Insert(T row)
        {
            foreach (var (parameter, converter, value) in _columns)
            {
                var v = value(row);
                parameter.Value = (v is null || converter is null ? v : converter.ConvertToProvider(v)) ?? DBNull.Value;
            }
            _command.ExecuteNonQuery();
        }

        public void Dispose() => _command.Dispose();
    }
}
