using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Erp.LowCode.Data.Migrations
{
    /// <inheritdoc />
    public partial class MoneyFields : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Money fields' columns: one composite value each, so a field stays one column (SchemaPlanner.MoneyType).
            migrationBuilder.Sql("CREATE TYPE lowcode.currency_amount AS (amount numeric(28, 8), currency varchar(3))");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Refused while a money field's column uses it: purge those fields first.
            migrationBuilder.Sql("DROP TYPE lowcode.currency_amount");
        }
    }
}
