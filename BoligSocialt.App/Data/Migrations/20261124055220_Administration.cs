using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BoligSocialt.App.Data.Migrations
{
    /// <inheritdoc />
    public partial class Administration : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "HousingAreaIds",
                table: "PlanPeriods",
                type: "TEXT",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AddColumn<bool>(
                name: "IsActive",
                table: "PlanPeriods",
                type: "INTEGER",
                nullable: false,
                // The plans of an existing database are in use: they stay active.
                defaultValue: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "HousingAreaIds",
                table: "PlanPeriods");

            migrationBuilder.DropColumn(
                name: "IsActive",
                table: "PlanPeriods");
        }
    }
}
