using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Erp.Sample.Data.Migrations
{
    /// <inheritdoc />
    public partial class AuditStampsRecordClients : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "created_by_client",
                schema: "sample",
                table: "currencies",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "deleted_by_client",
                schema: "sample",
                table: "currencies",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "modified_by_client",
                schema: "sample",
                table: "currencies",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "created_by_client",
                schema: "sample",
                table: "currencies");

            migrationBuilder.DropColumn(
                name: "deleted_by_client",
                schema: "sample",
                table: "currencies");

            migrationBuilder.DropColumn(
                name: "modified_by_client",
                schema: "sample",
                table: "currencies");
        }
    }
}
