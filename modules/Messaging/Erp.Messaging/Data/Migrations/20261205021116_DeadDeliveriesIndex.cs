using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Erp.Messaging.Data.Migrations
{
    /// <inheritdoc />
    public partial class DeadDeliveriesIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_outbox_deliveries_message_id",
                schema: "messaging",
                table: "outbox_deliveries",
                column: "message_id",
                filter: "status = 2");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_outbox_deliveries_message_id",
                schema: "messaging",
                table: "outbox_deliveries");
        }
    }
}
