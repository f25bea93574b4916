using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BoligSocialt.App.Data.Migrations
{
    /// <inheritdoc />
    public partial class Retention : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "AnonymisedAt",
                table: "Residents",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AgeBand",
                table: "Outcomes",
                type: "TEXT",
                maxLength: 10,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ResidentAreas",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    HousingAreaId = table.Column<int>(type: "INTEGER", nullable: false),
                    From = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ResidentId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ResidentAreas", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ResidentAreas_HousingAreas_HousingAreaId",
                        column: x => x.HousingAreaId,
                        principalTable: "HousingAreas",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ResidentAreas_Residents_ResidentId",
                        column: x => x.ResidentId,
                        principalTable: "Residents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "RetentionSchedules",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    Years = table.Column<int>(type: "INTEGER", nullable: false),
                    LastRunAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    LastRunResidents = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RetentionSchedules", x => x.Id);
                });

            migrationBuilder.InsertData(
                table: "RetentionSchedules",
                columns: new[] { "Id", "LastRunAt", "LastRunResidents", "Years" },
                values: new object[] { 1, null, null, 5 });

            migrationBuilder.CreateIndex(
                name: "IX_ResidentAreas_HousingAreaId",
                table: "ResidentAreas",
                column: "HousingAreaId");

            migrationBuilder.CreateIndex(
                name: "IX_ResidentAreas_ResidentId_From",
                table: "ResidentAreas",
                columns: new[] { "ResidentId", "From" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ResidentAreas");

            migrationBuilder.DropTable(
                name: "RetentionSchedules");

            migrationBuilder.DropColumn(
                name: "AnonymisedAt",
                table: "Residents");

            migrationBuilder.DropColumn(
                name: "AgeBand",
                table: "Outcomes");
        }
    }
}
