using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Erp.AuditLogging.Data.Migrations
{
    /// <summary>
    /// The company a request worked in and a company-owned entity belongs to, so the viewer shows each person only what
    /// happened in their companies. Added to the partitioned parents, which add it to every partition.
    /// </summary>
    public partial class RecordCompany : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                ALTER TABLE audit.requests ADD COLUMN company_id uuid NULL;
                ALTER TABLE audit.entity_changes ADD COLUMN company_id uuid NULL;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                ALTER TABLE audit.requests DROP COLUMN company_id;
                ALTER TABLE audit.entity_changes DROP COLUMN company_id;
                """);
        }
    }
}
