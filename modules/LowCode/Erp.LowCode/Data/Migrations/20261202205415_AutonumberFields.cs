using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Erp.LowCode.Data.Migrations
{
    /// <inheritdoc />
    public partial class AutonumberFields : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {

        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {

        }
    }
}
