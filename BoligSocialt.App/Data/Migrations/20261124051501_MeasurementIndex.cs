using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BoligSocialt.App.Data.Migrations
{
    /// <inheritdoc />
    public partial class MeasurementIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_LogbookEntries_Date",
                table: "LogbookEntries");

            migrationBuilder.CreateIndex(
                name: "IX_LogbookEntries_Date_DeletedAt_ActivityId_Kind_HeadCount_Id",
                table: "LogbookEntries",
                columns: new[] { "Date", "DeletedAt", "ActivityId", "Kind", "HeadCount", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_LogbookEntries_Date_DeletedAt_ActivityId_Kind_HeadCount_Id",
                table: "LogbookEntries");

            migrationBuilder.CreateIndex(
                name: "IX_LogbookEntries_Date",
                table: "LogbookEntries",
                column: "Date");
        }
    }
}
