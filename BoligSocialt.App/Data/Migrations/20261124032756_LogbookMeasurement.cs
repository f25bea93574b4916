using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BoligSocialt.App.Data.Migrations
{
    /// <inheritdoc />
    public partial class LogbookMeasurement : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "LegacyId",
                table: "Residents",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "LogbookEntryId",
                table: "Outcomes",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "DeletedAt",
                table: "LogbookEntries",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "DeletedById",
                table: "LogbookEntries",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DeletionReason",
                table: "LogbookEntries",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ImportKey",
                table: "LogbookEntries",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Residents_LegacyId",
                table: "Residents",
                column: "LegacyId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Outcomes_LogbookEntryId",
                table: "Outcomes",
                column: "LogbookEntryId");

            migrationBuilder.CreateIndex(
                name: "IX_LogbookEntries_Date",
                table: "LogbookEntries",
                column: "Date");

            migrationBuilder.CreateIndex(
                name: "IX_LogbookEntries_DeletedById",
                table: "LogbookEntries",
                column: "DeletedById");

            migrationBuilder.CreateIndex(
                name: "IX_LogbookEntries_ImportKey",
                table: "LogbookEntries",
                column: "ImportKey",
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "FK_LogbookEntries_StaffMembers_DeletedById",
                table: "LogbookEntries",
                column: "DeletedById",
                principalTable: "StaffMembers",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_Outcomes_LogbookEntries_LogbookEntryId",
                table: "Outcomes",
                column: "LogbookEntryId",
                principalTable: "LogbookEntries",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_LogbookEntries_StaffMembers_DeletedById",
                table: "LogbookEntries");

            migrationBuilder.DropForeignKey(
                name: "FK_Outcomes_LogbookEntries_LogbookEntryId",
                table: "Outcomes");

            migrationBuilder.DropIndex(
                name: "IX_Residents_LegacyId",
                table: "Residents");

            migrationBuilder.DropIndex(
                name: "IX_Outcomes_LogbookEntryId",
                table: "Outcomes");

            migrationBuilder.DropIndex(
                name: "IX_LogbookEntries_Date",
                table: "LogbookEntries");

            migrationBuilder.DropIndex(
                name: "IX_LogbookEntries_DeletedById",
                table: "LogbookEntries");

            migrationBuilder.DropIndex(
                name: "IX_LogbookEntries_ImportKey",
                table: "LogbookEntries");

            migrationBuilder.DropColumn(
                name: "LegacyId",
                table: "Residents");

            migrationBuilder.DropColumn(
                name: "LogbookEntryId",
                table: "Outcomes");

            migrationBuilder.DropColumn(
                name: "DeletedAt",
                table: "LogbookEntries");

            migrationBuilder.DropColumn(
                name: "DeletedById",
                table: "LogbookEntries");

            migrationBuilder.DropColumn(
                name: "DeletionReason",
                table: "LogbookEntries");

            migrationBuilder.DropColumn(
                name: "ImportKey",
                table: "LogbookEntries");
        }
    }
}
