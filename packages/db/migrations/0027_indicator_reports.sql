CREATE TABLE "indicator_reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"indicator_id" text NOT NULL,
	"indicator_version" text NOT NULL,
	"period" text NOT NULL,
	"scope" text NOT NULL,
	"owner_kind" text NOT NULL,
	"owner_code" text,
	"district_code" varchar(6),
	"status" text DEFAULT 'pending' NOT NULL,
	"value" numeric(20, 6),
	"note" text,
	"due_date" date NOT NULL,
	"return_reason" text,
	"submitted_at" timestamp with time zone,
	"submitted_by" uuid,
	"reviewed_at" timestamp with time zone,
	"reviewed_by" uuid,
	"snapshot_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	CONSTRAINT "indicator_reports_scope_ck" CHECK ("indicator_reports"."scope" = 'city' or "indicator_reports"."scope" ~ '^[0-9]{6}$'),
	CONSTRAINT "indicator_reports_status_ck" CHECK ("indicator_reports"."status" in ('pending', 'draft', 'submitted', 'returned', 'approved')),
	CONSTRAINT "indicator_reports_owner_kind_ck" CHECK ("indicator_reports"."owner_kind" in ('district', 'department', 'city')),
	CONSTRAINT "indicator_reports_value_ck" CHECK ("indicator_reports"."status" not in ('submitted', 'approved') or "indicator_reports"."value" is not null),
	CONSTRAINT "indicator_reports_version_ck" CHECK ("indicator_reports"."version" >= 1)
);
--> statement-breakpoint
ALTER TABLE "indicator_reports" ADD CONSTRAINT "indicator_reports_district_code_districts_code_fk" FOREIGN KEY ("district_code") REFERENCES "public"."districts"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_reports" ADD CONSTRAINT "indicator_reports_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_reports" ADD CONSTRAINT "indicator_reports_reviewed_by_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_reports" ADD CONSTRAINT "indicator_reports_snapshot_id_indicator_snapshots_id_fk" FOREIGN KEY ("snapshot_id") REFERENCES "public"."indicator_snapshots"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_reports" ADD CONSTRAINT "indicator_reports_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_reports" ADD CONSTRAINT "indicator_reports_indicator_id_indicator_version_indicator_definitions_id_version_fk" FOREIGN KEY ("indicator_id","indicator_version") REFERENCES "public"."indicator_definitions"("id","version") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "indicator_reports_uq" ON "indicator_reports" USING btree ("indicator_id","period","scope");--> statement-breakpoint
CREATE INDEX "indicator_reports_period_idx" ON "indicator_reports" USING btree ("period","status");--> statement-breakpoint
CREATE INDEX "indicator_reports_district_idx" ON "indicator_reports" USING btree ("district_code","status");--> statement-breakpoint
CREATE INDEX "indicator_reports_due_idx" ON "indicator_reports" USING btree ("due_date");