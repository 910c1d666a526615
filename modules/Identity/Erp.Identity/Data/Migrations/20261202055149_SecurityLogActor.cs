using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Erp.Identity.Data.Migrations
{
    /// <inheritdoc />
    public partial class SecurityLogActor : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "actor_name",
                schema: "identity",
                table: "security_log",
                type: "character varying(256)",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "actor_user_id",
                schema: "identity",
                table: "security_log",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_security_log_at",
                schema: "identity",
                table: "security_log",
                column: "at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_security_log_at",
                schema: "identity",
                table: "security_log");

            migrationBuilder.DropColumn(
                name: "actor_name",
                schema: "identity",
                table: "security_log");

            migrationBuilder.DropColumn(
                name: "actor_user_id",
                schema: "identity",
                table: "security_log");
        }
    }
}
