using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Erp.LowCode.Data.Migrations
{
    /// <inheritdoc />
    public partial class Workflows : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "workflow",
                schema: "lowcode",
                table: "entities",
                type: "jsonb",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "state_changes",
                schema: "lowcode",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    company_id = table.Column<Guid>(type: "uuid", nullable: false),
                    entity = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false),
                    record_id = table.Column<Guid>(type: "uuid", nullable: false),
                    from = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    to = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    transition = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    comment = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    by = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_state_changes", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_state_changes_company_id",
                schema: "lowcode",
                table: "state_changes",
                column: "company_id");

            migrationBuilder.CreateIndex(
                name: "ix_state_changes_entity_record_id_at",
                schema: "lowcode",
                table: "state_changes",
                columns: new[] { "entity", "record_id", "at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "state_changes",
                schema: "lowcode");

            migrationBuilder.DropColumn(
                name: "workflow",
                schema: "lowcode",
                table: "entities");
        }
    }
}
