CREATE TABLE "indicator_definitions" (
	"id" text NOT NULL,
	"version" text NOT NULL,
	"name" text NOT NULL,
	"checksum" text NOT NULL,
	"definition" jsonb NOT NULL,
	"source_file" text NOT NULL,
	"current" boolean DEFAULT true NOT NULL,
	"loaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "indicator_definitions_id_version_pk" PRIMARY KEY("id","version")
);
--> statement-breakpoint
CREATE TABLE "indicator_snapshots" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"indicator_id" text NOT NULL,
	"indicator_version" text NOT NULL,
	"period" text NOT NULL,
	"scope" text NOT NULL,
	"value" numeric(20, 6),
	"numerator" numeric(24, 6),
	"denominator" numeric(24, 6),
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"source_version" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"correction_reason" text,
	"corrects_id" uuid,
	"created_by" uuid,
	CONSTRAINT "indicator_snapshots_scope_ck" CHECK ("indicator_snapshots"."scope" = 'city' or "indicator_snapshots"."scope" ~ '^[0-9]{6}$'),
	CONSTRAINT "indicator_snapshots_version_ck" CHECK ("indicator_snapshots"."version" >= 1),
	CONSTRAINT "indicator_snapshots_correction_ck" CHECK (("indicator_snapshots"."version" = 1 and "indicator_snapshots"."corrects_id" is null) or ("indicator_snapshots"."version" > 1 and "indicator_snapshots"."corrects_id" is not null and "indicator_snapshots"."correction_reason" is not null))
);
--> statement-breakpoint
ALTER TABLE "indicator_snapshots" ADD CONSTRAINT "indicator_snapshots_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_snapshots" ADD CONSTRAINT "indicator_snapshots_indicator_id_indicator_version_indicator_definitions_id_version_fk" FOREIGN KEY ("indicator_id","indicator_version") REFERENCES "public"."indicator_definitions"("id","version") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_snapshots" ADD CONSTRAINT "indicator_snapshots_corrects_id_indicator_snapshots_id_fk" FOREIGN KEY ("corrects_id") REFERENCES "public"."indicator_snapshots"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "indicator_snapshots_uq" ON "indicator_snapshots" USING btree ("indicator_id","indicator_version","period","scope","version");--> statement-breakpoint
CREATE INDEX "indicator_snapshots_series_idx" ON "indicator_snapshots" USING btree ("indicator_id","scope","period","version");--> statement-breakpoint
-- Snapshots are append-only: a closed period's figure never changes; a correction is a new version.
CREATE OR REPLACE FUNCTION dxc_indicator_snapshots_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '指标快照不可修改或删除（更正请新增版本）' USING ERRCODE = 'insufficient_privilege';
END
$$;
--> statement-breakpoint
CREATE TRIGGER indicator_snapshots_no_update_delete BEFORE UPDATE OR DELETE ON indicator_snapshots
  FOR EACH ROW EXECUTE FUNCTION dxc_indicator_snapshots_immutable();
--> statement-breakpoint
CREATE TRIGGER indicator_snapshots_no_truncate BEFORE TRUNCATE ON indicator_snapshots
  FOR EACH STATEMENT EXECUTE FUNCTION dxc_indicator_snapshots_immutable();
--> statement-breakpoint
-- Indexes of the indicator rollups (modules/indicators/indicator-rollups.ts): each rollup reads a
-- time window of one table and groups by district; these let it read only the window.
CREATE INDEX IF NOT EXISTS "assessments_enterprise_submitted_idx" ON "assessments" ("enterprise_id", "submitted_at") WHERE "status" = 'submitted';
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "assessments_submitted_at_idx" ON "assessments" ("submitted_at") WHERE "status" = 'submitted';
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "diagnoses_enterprise_closed_idx" ON "diagnoses" ("enterprise_id", "closed_at") WHERE "status" = 'closed';
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "diagnoses_closed_at_idx" ON "diagnoses" ("closed_at") WHERE "status" = 'closed';
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "policy_awards_district_confirmed_idx" ON "policy_awards" ("district_confirmed_at") WHERE "district_confirmed_at" IS NOT NULL;
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "award_payments_paid_at_idx" ON "award_payments" ("paid_at");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "projects_started_on_idx" ON "projects" ("started_on") WHERE "started_on" IS NOT NULL;
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "projects_finished_on_idx" ON "projects" ("finished_on") WHERE "finished_on" IS NOT NULL;
