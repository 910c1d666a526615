using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Erp.Settings.Data.Migrations
{
    /// <inheritdoc />
    public partial class CompanyLevel : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_values_user_id_name",
                schema: "settings",
                table: "values");

            migrationBuilder.AddColumn<Guid>(
                name: "company_id",
                schema: "settings",
                table: "values",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_values_user_id_company_id_name",
                schema: "settings",
                table: "values",
                columns: new[] { "user_id", "company_id", "name" },
                unique: true)
                .Annotation("Npgsql:NullsDistinct", false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_values_user_id_company_id_name",
                schema: "settings",
                table: "values");

            migrationBuilder.DropColumn(
                name: "company_id",
                schema: "settings",
                table: "values");

            migrationBuilder.CreateIndex(
                name: "ix_values_user_id_name",
                schema: "settings",
                table: "values",
                columns: new[] { "user_id", "name" },
                unique: true)
                .Annotation("Npgsql:NullsDistinct", false);
        }
    }
}
