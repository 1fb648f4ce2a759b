CREATE TABLE "warning_rules" (
	"id" text NOT NULL,
	"version" text NOT NULL,
	"name" text NOT NULL,
	"checksum" text NOT NULL,
	"definition" jsonb NOT NULL,
	"source_file" text NOT NULL,
	"current" boolean DEFAULT true NOT NULL,
	"loaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "warning_rules_id_version_pk" PRIMARY KEY("id","version")
);
--> statement-breakpoint
CREATE TABLE "warnings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"rule_id" text NOT NULL,
	"rule_version" text NOT NULL,
	"subject_type" text NOT NULL,
	"subject_id" text NOT NULL,
	"subject_name" text NOT NULL,
	"district_code" varchar(6),
	"owner_kind" text NOT NULL,
	"owner_code" text,
	"level" text NOT NULL,
	"title" text NOT NULL,
	"detail" jsonb NOT NULL,
	"state" text DEFAULT 'open' NOT NULL,
	"dedupe_key" text NOT NULL,
	"opened_at" timestamp with time zone DEFAULT now() NOT NULL,
	"seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"acknowledged_at" timestamp with time zone,
	"acknowledged_by" uuid,
	"acknowledge_note" text,
	"handled_at" timestamp with time zone,
	"handled_by" uuid,
	"handle_note" text,
	"cleared_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"closed_by" uuid,
	"close_note" text,
	CONSTRAINT "warnings_state_ck" CHECK ("warnings"."state" in ('open', 'acknowledged', 'handled', 'closed')),
	CONSTRAINT "warnings_level_ck" CHECK ("warnings"."level" in ('red', 'orange', 'yellow')),
	CONSTRAINT "warnings_owner_kind_ck" CHECK ("warnings"."owner_kind" in ('city', 'district', 'department')),
	CONSTRAINT "warnings_subject_type_ck" CHECK ("warnings"."subject_type" in ('indicator', 'project', 'diagnosis', 'budget_pool', 'enterprise')),
	CONSTRAINT "warnings_closed_ck" CHECK (("warnings"."state" = 'closed') = ("warnings"."closed_at" is not null)),
	CONSTRAINT "warnings_handled_ck" CHECK ("warnings"."state" not in ('handled') or "warnings"."handle_note" is not null)
);
--> statement-breakpoint
ALTER TABLE "warnings" ADD CONSTRAINT "warnings_district_code_districts_code_fk" FOREIGN KEY ("district_code") REFERENCES "public"."districts"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "warnings" ADD CONSTRAINT "warnings_acknowledged_by_users_id_fk" FOREIGN KEY ("acknowledged_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "warnings" ADD CONSTRAINT "warnings_handled_by_users_id_fk" FOREIGN KEY ("handled_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "warnings" ADD CONSTRAINT "warnings_closed_by_users_id_fk" FOREIGN KEY ("closed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "warnings_dedupe_open_uq" ON "warnings" USING btree ("dedupe_key") WHERE "warnings"."state" <> 'closed';--> statement-breakpoint
CREATE INDEX "warnings_opened_idx" ON "warnings" USING btree ("opened_at");--> statement-breakpoint
CREATE INDEX "warnings_district_idx" ON "warnings" USING btree ("district_code","state");--> statement-breakpoint
CREATE INDEX "warnings_rule_idx" ON "warnings" USING btree ("rule_id","state");