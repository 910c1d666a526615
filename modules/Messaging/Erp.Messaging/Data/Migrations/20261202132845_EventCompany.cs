using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Erp.Messaging.Data.Migrations
{
    /// <inheritdoc />
    public partial class EventCompany : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "company_id",
                schema: "messaging",
                table: "outbox_messages",
                type: "uuid",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "company_id",
                schema: "messaging",
                table: "outbox_messages");
        }
    }
}
