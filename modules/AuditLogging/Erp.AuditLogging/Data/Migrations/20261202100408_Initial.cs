using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Erp.AuditLogging.Data.Migrations
{
    /// <summary>
    /// The audit tables, range-partitioned by month on <c>occurred_at</c> (EF Core's migration builder cannot declare
    /// partitioning, hence SQL). Monthly partitions are created by <c>AuditPartitions</c>; the default partitions catch
    /// rows of a month whose partition is missing until it is created. Indexes serve the viewer's newest-first keyset
    /// queries in every partition; the primary key includes the partition key, as PostgreSQL requires.
    /// </summary>
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE SCHEMA IF NOT EXISTS audit;

                CREATE TABLE audit.requests (
                    id uuid NOT NULL,
                    occurred_at timestamp with time zone NOT NULL,
                    user_id uuid NULL,
                    actor_name character varying(256) NULL,
                    client_id character varying(100) NULL,
                    ip inet NULL,
                    method character varying(16) NOT NULL,
                    route character varying(400) NULL,
                    path character varying(2000) NOT NULL,
                    status integer NOT NULL,
                    duration_ms double precision NOT NULL,
                    exception text NULL,
                    trace_id character varying(32) NULL,
                    CONSTRAINT pk_requests PRIMARY KEY (occurred_at, id)
                ) PARTITION BY RANGE (occurred_at);
                CREATE INDEX ix_requests_user ON audit.requests (user_id, occurred_at DESC, id DESC);
                CREATE INDEX ix_requests_route ON audit.requests (route, occurred_at DESC, id DESC);
                CREATE INDEX ix_requests_status ON audit.requests (status, occurred_at DESC, id DESC);
                CREATE INDEX ix_requests_trace ON audit.requests (trace_id);
                CREATE TABLE audit.requests_default PARTITION OF audit.requests DEFAULT;

                CREATE TABLE audit.entity_changes (
                    id uuid NOT NULL,
                    occurred_at timestamp with time zone NOT NULL,
                    entity_type character varying(400) NOT NULL,
                    entity_id character varying(400) NULL,
                    change_type character varying(16) NOT NULL,
                    properties jsonb NOT NULL,
                    user_id uuid NULL,
                    actor_name character varying(256) NULL,
                    client_id character varying(100) NULL,
                    trace_id character varying(32) NULL,
                    CONSTRAINT pk_entity_changes PRIMARY KEY (occurred_at, id)
                ) PARTITION BY RANGE (occurred_at);
                CREATE INDEX ix_entity_changes_entity ON audit.entity_changes (entity_type, entity_id, occurred_at DESC, id DESC);
                CREATE INDEX ix_entity_changes_user ON audit.entity_changes (user_id, occurred_at DESC, id DESC);
                CREATE INDEX ix_entity_changes_trace ON audit.entity_changes (trace_id);
                CREATE TABLE audit.entity_changes_default PARTITION OF audit.entity_changes DEFAULT;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TABLE audit.entity_changes; DROP TABLE audit.requests;");
        }
    }
}
