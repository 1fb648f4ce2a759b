CREATE TABLE "certification_applications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"round_id" uuid NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"district_code" varchar(6) NOT NULL,
	"status" text DEFAULT 'submitted' NOT NULL,
	"form" jsonb NOT NULL,
	"assessment_id" uuid,
	"findings" jsonb NOT NULL,
	"district_rank" smallint,
	"district_note" text,
	"decision_reason" text,
	"decided_at" timestamp with time zone,
	"decided_by" uuid,
	"certification_id" uuid,
	"submitted_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "certification_applications_status_ck" CHECK ("certification_applications"."status" in ('submitted', 'returned', 'recommended', 'approved', 'rejected', 'recognised'))
);
--> statement-breakpoint
CREATE TABLE "certification_objections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"application_id" uuid NOT NULL,
	"lodged_by" uuid,
	"lodger_name" text NOT NULL,
	"lodger_contact" text NOT NULL,
	"content" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"handled_at" timestamp with time zone,
	"handled_by" uuid,
	"handling_note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "certification_objections_status_ck" CHECK ("certification_objections"."status" in ('open', 'upheld', 'dismissed'))
);
--> statement-breakpoint
CREATE TABLE "certification_rounds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"programme_id" text NOT NULL,
	"programme_version" text NOT NULL,
	"level_id" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"apply_from" date NOT NULL,
	"apply_to" date NOT NULL,
	"quotas" jsonb NOT NULL,
	"notice_days" smallint NOT NULL,
	"notice_from" date,
	"notice_to" date,
	"recognised_at" timestamp with time zone,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "certification_rounds_status_ck" CHECK ("certification_rounds"."status" in ('open', 'reviewing', 'in_notice', 'recognised')),
	CONSTRAINT "certification_rounds_dates_ck" CHECK ("certification_rounds"."apply_to" >= "certification_rounds"."apply_from"),
	CONSTRAINT "certification_rounds_notice_ck" CHECK ("certification_rounds"."notice_days" between 1 and 30)
);
--> statement-breakpoint
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
ALTER TABLE "certification_applications" ADD CONSTRAINT "certification_applications_round_id_certification_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."certification_rounds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certification_applications" ADD CONSTRAINT "certification_applications_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certification_applications" ADD CONSTRAINT "certification_applications_assessment_id_assessments_id_fk" FOREIGN KEY ("assessment_id") REFERENCES "public"."assessments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certification_applications" ADD CONSTRAINT "certification_applications_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certification_applications" ADD CONSTRAINT "certification_applications_certification_id_certifications_id_fk" FOREIGN KEY ("certification_id") REFERENCES "public"."certifications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certification_applications" ADD CONSTRAINT "certification_applications_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certification_objections" ADD CONSTRAINT "certification_objections_application_id_certification_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."certification_applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certification_objections" ADD CONSTRAINT "certification_objections_lodged_by_users_id_fk" FOREIGN KEY ("lodged_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certification_objections" ADD CONSTRAINT "certification_objections_handled_by_users_id_fk" FOREIGN KEY ("handled_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certification_rounds" ADD CONSTRAINT "certification_rounds_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certification_rounds" ADD CONSTRAINT "certification_rounds_programme_id_programme_version_programme_definitions_id_version_fk" FOREIGN KEY ("programme_id","programme_version") REFERENCES "public"."programme_definitions"("id","version") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certifications" ADD CONSTRAINT "certifications_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certifications" ADD CONSTRAINT "certifications_revoked_by_users_id_fk" FOREIGN KEY ("revoked_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certifications" ADD CONSTRAINT "certifications_confirmed_by_users_id_fk" FOREIGN KEY ("confirmed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certifications" ADD CONSTRAINT "certifications_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certifications" ADD CONSTRAINT "certifications_programme_id_programme_version_programme_definitions_id_version_fk" FOREIGN KEY ("programme_id","programme_version") REFERENCES "public"."programme_definitions"("id","version") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "certification_applications_round_enterprise_uq" ON "certification_applications" USING btree ("round_id","enterprise_id");--> statement-breakpoint
CREATE INDEX "certification_applications_round_idx" ON "certification_applications" USING btree ("round_id","district_code","status");--> statement-breakpoint
CREATE INDEX "certification_applications_enterprise_idx" ON "certification_applications" USING btree ("enterprise_id");--> statement-breakpoint
CREATE INDEX "certification_objections_application_idx" ON "certification_objections" USING btree ("application_id","status");--> statement-breakpoint
CREATE INDEX "certification_rounds_status_idx" ON "certification_rounds" USING btree ("status","apply_to");--> statement-breakpoint
CREATE UNIQUE INDEX "certifications_certificate_no_uq" ON "certifications" USING btree ("certificate_no");--> statement-breakpoint
CREATE INDEX "certifications_enterprise_idx" ON "certifications" USING btree ("enterprise_id","programme_id","level_rank");--> statement-breakpoint
CREATE INDEX "certifications_programme_idx" ON "certifications" USING btree ("programme_id","level_id","valid_to");