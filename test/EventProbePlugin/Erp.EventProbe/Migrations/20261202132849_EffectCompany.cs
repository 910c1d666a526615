using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Erp.EventProbe.Migrations
{
    /// <inheritdoc />
    public partial class EffectCompany : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "delivered_in",
                schema: "probe",
                table: "effects",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "handler_company",
                schema: "probe",
                table: "effects",
                type: "uuid",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "delivered_in",
                schema: "probe",
                table: "effects");

            migrationBuilder.DropColumn(
                name: "handler_company",
                schema: "probe",
                table: "effects");
        }
    }
}
