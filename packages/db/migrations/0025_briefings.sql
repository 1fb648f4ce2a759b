CREATE TABLE "briefings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"period" text NOT NULL,
	"version" integer NOT NULL,
	"status" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"generated_at" timestamp with time zone,
	"generated_by" uuid,
	"trigger" text NOT NULL,
	"data" jsonb,
	"html" text,
	"pdf" "bytea",
	"sha256" text,
	"xlsx" "bytea",
	"xlsx_sha256" text,
	"error_message" text,
	CONSTRAINT "briefings_status_ck" CHECK ("briefings"."status" in ('generating', 'issued', 'failed')),
	CONSTRAINT "briefings_period_ck" CHECK ("briefings"."period" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
	CONSTRAINT "briefings_version_ck" CHECK ("briefings"."version" >= 1),
	CONSTRAINT "briefings_trigger_ck" CHECK ("briefings"."trigger" in ('manual', 'scheduled')),
	CONSTRAINT "briefings_issued_ck" CHECK ("briefings"."status" <> 'issued' or ("briefings"."html" is not null and "briefings"."pdf" is not null and "briefings"."sha256" is not null and "briefings"."xlsx" is not null and "briefings"."generated_at" is not null))
);
--> statement-breakpoint
ALTER TABLE "briefings" ADD CONSTRAINT "briefings_generated_by_users_id_fk" FOREIGN KEY ("generated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "briefings_period_version_uq" ON "briefings" USING btree ("period","version");--> statement-breakpoint
CREATE INDEX "briefings_created_idx" ON "briefings" USING btree ("created_at");--> statement-breakpoint
-- A briefing is kept exactly as issued: only a row still being generated may change (to issued or
-- failed); issued and failed rows never change, and no row is deleted (a regeneration is a new version).
CREATE OR REPLACE FUNCTION dxc_briefings_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    IF OLD.status = 'generating' AND NEW.id = OLD.id AND NEW.period = OLD.period AND NEW.version = OLD.version THEN
      RETURN NEW;
    END IF;
  END IF;
  RAISE EXCEPTION '已印发的简报不可修改或删除（重新生成将新增版本）' USING ERRCODE = 'insufficient_privilege';
END
$$;
--> statement-breakpoint
CREATE TRIGGER briefings_immutable BEFORE UPDATE OR DELETE ON briefings
  FOR EACH ROW EXECUTE FUNCTION dxc_briefings_immutable();
--> statement-breakpoint
CREATE TRIGGER briefings_no_truncate BEFORE TRUNCATE ON briefings
  FOR EACH STATEMENT EXECUTE FUNCTION dxc_briefings_immutable();
