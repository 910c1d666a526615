using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Erp.LowCode.Data.Migrations
{
    /// <inheritdoc />
    public partial class SearchExtension : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Trigram indexes for low-code full-text search. pg_trgm is a trusted extension: the database's owner may create it.
            migrationBuilder.Sql("CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // The extension stays: other schemas' indexes may use it.
        }
    }
}
