using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Erp.Messaging.Data.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "messaging");

            migrationBuilder.CreateTable(
                name: "outbox_messages",
                schema: "messaging",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    event_name = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    payload = table.Column<string>(type: "jsonb", nullable: false),
                    published_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_outbox_messages", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "outbox_deliveries",
                schema: "messaging",
                columns: table => new
                {
                    message_id = table.Column<Guid>(type: "uuid", nullable: false),
                    handler = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    status = table.Column<int>(type: "integer", nullable: false),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    due_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    completed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    last_error = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_outbox_deliveries", x => new { x.message_id, x.handler });
                    table.ForeignKey(
                        name: "fk_outbox_deliveries_outbox_messages_message_id",
                        column: x => x.message_id,
                        principalSchema: "messaging",
                        principalTable: "outbox_messages",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_outbox_deliveries_pending",
                schema: "messaging",
                table: "outbox_deliveries",
                column: "due_at",
                filter: "status = 0");

            // Committed deliveries wake every instance's dispatcher (NOTIFY is sent on commit, never on rollback).
            migrationBuilder.Sql("""
                CREATE FUNCTION messaging.notify_outbox() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    PERFORM pg_notify('erp_outbox', '');
                    RETURN NULL;
                END $$;
                CREATE TRIGGER outbox_deliveries_inserted AFTER INSERT ON messaging.outbox_deliveries
                    FOR EACH STATEMENT EXECUTE FUNCTION messaging.notify_outbox();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER outbox_deliveries_inserted ON messaging.outbox_deliveries; DROP FUNCTION messaging.notify_outbox();");

            migrationBuilder.DropTable(
                name: "outbox_deliveries",
                schema: "messaging");

            migrationBuilder.DropTable(
                name: "outbox_messages",
                schema: "messaging");
        }
    }
}
