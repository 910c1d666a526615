using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Erp.LowCode.Data.Migrations
{
    /// <inheritdoc />
    public partial class FieldsAsDocument : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "fields",
                schema: "lowcode",
                table: "entities",
                type: "jsonb",
                nullable: false,
                defaultValue: "[]", // a definition without fields (there were none stored as null)
                oldClrType: typeof(string),
                oldType: "jsonb",
                oldNullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "fields",
                schema: "lowcode",
                table: "entities",
                type: "jsonb",
                nullable: true,
                oldClrType: typeof(string),
                oldType: "jsonb");
        }
    }
}
