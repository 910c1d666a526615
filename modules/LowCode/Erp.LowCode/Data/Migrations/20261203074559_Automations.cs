using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Erp.LowCode.Data.Migrations
{
    /// <inheritdoc />
    public partial class Automations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "automations",
                schema: "lowcode",
                table: "entities",
                type: "jsonb",
                nullable: false,
                defaultValueSql: "'[]'::jsonb");

            migrationBuilder.CreateTable(
                name: "automation_schedules",
                schema: "lowcode",
                columns: table => new
                {
                    entity = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false),
                    automation = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    last_run_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_automation_schedules", x => new { x.entity, x.automation });
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "automation_schedules",
                schema: "lowcode");

            migrationBuilder.DropColumn(
                name: "automations",
                schema: "lowcode",
                table: "entities");
        }
    }
}
