using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Erp.Messaging.Data.Migrations
{
    /// <inheritdoc />
    public partial class EventLanguage : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "language",
                schema: "messaging",
                table: "outbox_messages",
                type: "character varying(35)",
                maxLength: 35,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "language",
                schema: "messaging",
                table: "outbox_messages");
        }
    }
}
