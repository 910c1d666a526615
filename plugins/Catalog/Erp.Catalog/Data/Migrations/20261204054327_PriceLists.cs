using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Erp.Catalog.Data.Migrations
{
    /// <inheritdoc />
    public partial class PriceLists : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "default_price_list_id",
                schema: "catalog",
                table: "partners",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "price_lists",
                schema: "catalog",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    company_id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    currency = table.Column<string>(type: "character(3)", fixedLength: true, maxLength: 3, nullable: false),
                    valid_from = table.Column<DateOnly>(type: "date", nullable: true),
                    valid_to = table.Column<DateOnly>(type: "date", nullable: true),
                    customer_id = table.Column<Guid>(type: "uuid", nullable: true),
                    active = table.Column<bool>(type: "boolean", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<Guid>(type: "uuid", nullable: true),
                    created_by_client = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    modified_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    modified_by = table.Column<Guid>(type: "uuid", nullable: true),
                    modified_by_client = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_price_lists", x => x.id);
                    table.ForeignKey(
                        name: "fk_price_lists_partners_customer_id",
                        column: x => x.customer_id,
                        principalSchema: "catalog",
                        principalTable: "partners",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "price_list_line",
                schema: "catalog",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    company_id = table.Column<Guid>(type: "uuid", nullable: false),
                    price_list_id = table.Column<Guid>(type: "uuid", nullable: false),
                    product_id = table.Column<Guid>(type: "uuid", nullable: false),
                    min_quantity = table.Column<decimal>(type: "numeric(19,4)", precision: 19, scale: 4, nullable: false),
                    unit_price = table.Column<decimal>(type: "numeric(19,4)", precision: 19, scale: 4, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_price_list_line", x => x.id);
                    table.ForeignKey(
                        name: "fk_price_list_line_price_lists_price_list_id",
                        column: x => x.price_list_id,
                        principalSchema: "catalog",
                        principalTable: "price_lists",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_price_list_line_products_product_id",
                        column: x => x.product_id,
                        principalSchema: "catalog",
                        principalTable: "products",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_partners_default_price_list_id",
                schema: "catalog",
                table: "partners",
                column: "default_price_list_id");

            migrationBuilder.CreateIndex(
                name: "ix_price_list_line_company_id",
                schema: "catalog",
                table: "price_list_line",
                column: "company_id");

            migrationBuilder.CreateIndex(
                name: "ix_price_list_line_price_list_id_product_id_min_quantity",
                schema: "catalog",
                table: "price_list_line",
                columns: new[] { "price_list_id", "product_id", "min_quantity" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_price_list_line_product_id_price_list_id",
                schema: "catalog",
                table: "price_list_line",
                columns: new[] { "product_id", "price_list_id" });

            migrationBuilder.CreateIndex(
                name: "ix_price_lists_company_id",
                schema: "catalog",
                table: "price_lists",
                column: "company_id");

            migrationBuilder.CreateIndex(
                name: "ix_price_lists_customer_id",
                schema: "catalog",
                table: "price_lists",
                column: "customer_id");

            migrationBuilder.AddForeignKey(
                name: "fk_partners_price_lists_default_price_list_id",
                schema: "catalog",
                table: "partners",
                column: "default_price_list_id",
                principalSchema: "catalog",
                principalTable: "price_lists",
                principalColumn: "id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_partners_price_lists_default_price_list_id",
                schema: "catalog",
                table: "partners");

            migrationBuilder.DropTable(
                name: "price_list_line",
                schema: "catalog");

            migrationBuilder.DropTable(
                name: "price_lists",
                schema: "catalog");

            migrationBuilder.DropIndex(
                name: "ix_partners_default_price_list_id",
                schema: "catalog",
                table: "partners");

            migrationBuilder.DropColumn(
                name: "default_price_list_id",
                schema: "catalog",
                table: "partners");
        }
    }
}
