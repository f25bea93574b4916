using System.Data.Common;
using BoligSocialt.App.Data;
using BoligSocialt.Domain.Cases;
using BoligSocialt.Domain.Logbook;
using BoligSocialt.Domain.Residents;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace BoligSocialt.App.Features.Logbook;

/// <summary>
/// Writes an import's new rows with one prepared INSERT per table (on PostgreSQL one binary COPY), in the import's
/// transaction, and the audit rows <see cref="Data.Audit"/> writes for the same changes: a creation for each new entry, outcome and resident, an update for
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
        Table<Resident>.Write(db, transaction, "Residents",
            [
                ("Id", r => r.Id), ("Name", r => r.Name), ("SearchName", r => r.SearchName), ("BirthDate", r => r.BirthDate), ("Phone", r => r.Phone),
                ("CreatedById", r => r.CreatedById), ("CreatedAt", r => r.CreatedAt), ("MergedIntoId", r => r.MergedIntoId), ("LegacyId", r => r.LegacyId),
                ("AnonymisedAt", r => r.AnonymisedAt),
            ],
            newResidents,
            // An imported resident's consents are not known: they are recorded in the app later.
            leftNull: ["RegistrationConsentGivenOn", "RegistrationConsentRecordedById", "SharingConsentGivenOn", "SharingConsentRecordedById"]);
        Table<(Guid ResidentId, int DepartmentId, DateOnly From)>.Write(db, transaction, "Residences",
            [("ResidentId", r => r.ResidentId), ("DepartmentId", r => r.DepartmentId), ("From", r => r.From)], residences);
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
        Table<LogbookEntry>.Write(db, transaction, "LogbookEntries",
            [
                ("Id", e => e.Id), ("Date", e => e.Date), ("StaffMemberId", e => e.StaffMemberId), ("ActivityId", e => e.ActivityId), ("Kind", e => e.Kind),
                ("HeadCount", e => e.HeadCount), ("Note", e => e.Note), ("CaseId", e => e.CaseId), ("GroupCourseId", e => e.GroupCourseId),
                ("ImportKey", e => e.ImportKey), ("DeletedAt", e => e.DeletedAt), ("DeletedById", e => e.DeletedById), ("DeletionReason", e => e.DeletionReason),
            ], entries);
        Table<(Guid LogbookEntryId, Guid ResidentId)>.Write(db, transaction, "LogbookParticipants",
            [("LogbookEntryId", p => p.LogbookEntryId), ("ResidentId", p => p.ResidentId)],
            entries.SelectMany(e => e.Participants.Select(p => (e.Id, p.ResidentId))));
        Table<Outcome>.Write(db, transaction, "Outcomes",
            [
                ("Id", o => o.Id), ("ResidentId", o => o.ResidentId), ("ActivityId", o => o.ActivityId), ("CaseId", o => o.CaseId), ("Kind", o => o.Kind),
                ("AchievedOn", o => o.AchievedOn), ("HousingAreaId", o => o.HousingAreaId), ("LogbookEntryId", o => o.LogbookEntryId),
                ("AgeBand", o => o.AgeBand),
            ], outcomes);
    }

    /// <summary>
    /// Audit rows as <see cref="Data.Audit"/> writes them (the record's id as text, in lower case), one prepared
    /// INSERT (or COPY) for all: the import's changes, and the export's reads of every entry and resident it writes.
    /// </summary>
    public static void Audit(AppDbContext db, DbTransaction transaction, string actor, IEnumerable<(AuditAction Action, string Type, Guid Id)> rows)
    {
        var now = DateTime.UtcNow;
        Table<(AuditAction Action, string Type, Guid Id)>.Write(db, transaction, "AuditEntries",
            [("AtUtc", _ => now), ("Actor", _ => actor), ("Action", a => a.Action), ("EntityType", a => a.Type), ("EntityId", a => a.Id.ToString())], rows);
    }

    /// <summary>
    /// The rows of one table: on SQLite a prepared INSERT with a parameter per column, on PostgreSQL one binary COPY
    /// (a statement per row there is a round trip to the server each), both in the transaction and typed and converted
    /// as EF Core maps each column.
    /// </summary>
    private static class Table<T>
    {
        public static void Write(AppDbContext db, DbTransaction transaction, string name, IReadOnlyList<(string Column, Func<T, object?> Value)> columns,
            IEnumerable<T> rows, IReadOnlyList<string>? leftNull = null)
        {
            var table = db.Model.GetRelationalModel().FindTable(name, null) ?? throw new InvalidOperationException($"No table {name} in the model.");
            var generated = table.Columns.Where(c => c.PropertyMappings.Any(m => m.Property.IsPrimaryKey() && m.Property.ValueGenerated == ValueGenerated.OnAdd));
            var unknown = table.Columns.Select(c => c.Name)
                .Except(columns.Select(c => c.Column)).Except(leftNull ?? []).Except(generated.Select(c => c.Name)).ToList();
            if (unknown.Count > 0)
                throw new InvalidOperationException($"The logbook import does not write {name}.{string.Join(", ", unknown)}: add the column to {nameof(LogbookImportWriter)}.");
            var mappings = columns.Select(c =>
                (table.FindColumn(c.Column) ?? throw new InvalidOperationException($"No column {name}.{c.Column} in the model.")).PropertyMappings.First().TypeMapping).ToArray();
            object? Value(T row, int i)
            {
                var value = columns[i].Value(row);
                return value is null || mappings[i].Converter is not { } converter ? value : converter.ConvertToProvider(value);
            }
            var columnList = string.Join(", ", columns.Select(c => $"\"{c.Column}\""));

            if (db.Database.GetDbConnection() is NpgsqlConnection postgres)
            {
                using var copy = postgres.BeginBinaryImport($"COPY \"{name}\" ({columnList}) FROM STDIN (FORMAT BINARY)");
                foreach (var row in rows)
                {
                    copy.StartRow();
                    for (var i = 0; i < columns.Count; i++)
                        if (Value(row, i) is { } value) copy.Write(value);
                        else copy.WriteNull();
                }
                copy.Complete();
                return;
            }

            using var command = db.Database.GetDbConnection().CreateCommand();
            command.Transaction = transaction;
            command.CommandText = $"INSERT INTO \"{name}\" ({columnList}) VALUES ({string.Join(", ", columns.Select((_, i) => $"$p{i}"))})";
            var parameters = columns.Select((c, i) =>
            {
                var parameter = mappings[i].CreateParameter(command, $"$p{i}", null, table.FindColumn(c.Column)!.IsNullable);
                command.Parameters.Add(parameter);
                return parameter;
            }).ToArray();
            command.Prepare();
            foreach (var row in rows)
            {
                for (var i = 0; i < parameters.Length; i++) parameters[i].Value = Value(row, i) ?? DBNull.Value;
                command.ExecuteNonQuery();
            }
        }
    }
}
