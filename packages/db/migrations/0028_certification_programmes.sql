CREATE TABLE "certifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"programme_id" text NOT NULL,
	"programme_version" text NOT NULL,
	"level_id" text NOT NULL,
	"level_rank" smallint NOT NULL,
	"status" text NOT NULL,
	"source" text NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date,
	"certificate_no" text,
	"issuing_body" text NOT NULL,
	"note" text,
	"revoked_reason" text,
	"revoked_at" timestamp with time zone,
	"revoked_by" uuid,
	"confirmed_at" timestamp with time zone,
	"confirmed_by" uuid,
	"recorded_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "certifications_status_ck" CHECK ("certifications"."status" in ('valid', 'revoked', 'suspended')),
	CONSTRAINT "certifications_source_ck" CHECK ("certifications"."source" in ('round', 'imported', 'external', 'claim')),
	CONSTRAINT "certifications_dates_ck" CHECK ("certifications"."valid_to" is null or "certifications"."valid_to" >= "certifications"."valid_from"),
	CONSTRAINT "certifications_rank_ck" CHECK ("certifications"."level_rank" >= 1),
	CONSTRAINT "certifications_revoked_ck" CHECK (("certifications"."status" = 'revoked') = ("certifications"."revoked_reason" is not null and "certifications"."revoked_at" is not null))
);
--> statement-breakpoint
CREATE TABLE "programme_definitions" (
	"id" text NOT NULL,
	"version" text NOT NULL,
	"name" text NOT NULL,
	"checksum" text NOT NULL,
	"definition" jsonb NOT NULL,
	"source_file" text NOT NULL,
	"current" boolean DEFAULT true NOT NULL,
	"loaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "programme_definitions_id_version_pk" PRIMARY KEY("id","version")
);
--> statement-breakpoint
ALTER TABLE "certifications" ADD CONSTRAINT "certifications_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certifications" ADD CONSTRAINT "certifications_revoked_by_users_id_fk" FOREIGN KEY ("revoked_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certifications" ADD CONSTRAINT "certifications_confirmed_by_users_id_fk" FOREIGN KEY ("confirmed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certifications" ADD CONSTRAINT "certifications_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certifications" ADD CONSTRAINT "certifications_programme_id_programme_version_programme_definitions_id_version_fk" FOREIGN KEY ("programme_id","programme_version") REFERENCES "public"."programme_definitions"("id","version") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "certifications_certificate_no_uq" ON "certifications" USING btree ("certificate_no");--> statement-breakpoint
CREATE INDEX "certifications_enterprise_idx" ON "certifications" USING btree ("enterprise_id","programme_id","level_rank");--> statement-breakpoint
CREATE INDEX "certifications_programme_idx" ON "certifications" USING btree ("programme_id","level_id","valid_to");