CREATE TABLE "expert_assignments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"draw_id" uuid NOT NULL,
	"expert_id" uuid NOT NULL,
	"purpose" text NOT NULL,
	"subject_id" text NOT NULL,
	"round" smallint DEFAULT 0 NOT NULL,
	"status" text DEFAULT 'invited' NOT NULL,
	"decline_reason" text,
	"responded_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "expert_draws" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"purpose" text NOT NULL,
	"subject_id" text NOT NULL,
	"subject_label" text NOT NULL,
	"draw_date" date NOT NULL,
	"seed" text NOT NULL,
	"algorithm" text NOT NULL,
	"request" jsonb NOT NULL,
	"pool" jsonb NOT NULL,
	"result" jsonb NOT NULL,
	"current" jsonb NOT NULL,
	"selected_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"drawn_by" uuid NOT NULL,
	"drawn_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "experts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid,
	"name" text NOT NULL,
	"organization" text NOT NULL,
	"title" text,
	"fields" text[] DEFAULT '{}'::text[] NOT NULL,
	"availability" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"conflicts" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"phone" text,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "experts_user_id_unique" UNIQUE("user_id")
);
--> statement-breakpoint
CREATE TABLE "pool_applications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"provider_id" uuid NOT NULL,
	"category" text NOT NULL,
	"materials" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"statement" text NOT NULL,
	"status" text DEFAULT 'submitted' NOT NULL,
	"submitted_by" uuid NOT NULL,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"review_opened_at" timestamp with time zone,
	"average_score" numeric(5, 1),
	"decision" text,
	"decision_reason" text,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"notice_start" date,
	"notice_end" date,
	"notice_text" text,
	"closed_at" timestamp with time zone,
	"closed_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "pool_applications_notice_dates" CHECK ("pool_applications"."notice_end" is null or "pool_applications"."notice_end" >= "pool_applications"."notice_start")
);
--> statement-breakpoint
CREATE TABLE "pool_objections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"application_id" uuid NOT NULL,
	"content" text NOT NULL,
	"contact_name" text,
	"contact_phone" text NOT NULL,
	"filed_by" uuid,
	"filed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"handling_note" text,
	"handled_by" uuid,
	"handled_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "pool_review_scores" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"application_id" uuid NOT NULL,
	"expert_id" uuid NOT NULL,
	"sheet_version" text NOT NULL,
	"items" jsonb NOT NULL,
	"total" numeric(5, 1) NOT NULL,
	"comment" text NOT NULL,
	"recommendation" text,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "provider_cases" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"provider_id" uuid NOT NULL,
	"customer" text NOT NULL,
	"enterprise_id" uuid,
	"industry" varchar(3) NOT NULL,
	"scene_ids" text[] DEFAULT '{}'::text[] NOT NULL,
	"result" text NOT NULL,
	"measured_change" numeric(6, 2),
	"year" smallint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "provider_evaluations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"provider_id" uuid NOT NULL,
	"year" smallint NOT NULL,
	"grade" text NOT NULL,
	"score" numeric(5, 1) NOT NULL,
	"inputs" jsonb NOT NULL,
	"result" jsonb NOT NULL,
	"evaluated_by" uuid NOT NULL,
	"evaluated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "provider_members" (
	"provider_id" uuid NOT NULL,
	"user_id" uuid PRIMARY KEY NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "provider_ratings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"provider_id" uuid NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"diagnosis_id" uuid NOT NULL,
	"rating" smallint NOT NULL,
	"comment" text,
	"rated_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "provider_ratings_range" CHECK ("provider_ratings"."rating" between 1 and 5)
);
--> statement-breakpoint
CREATE TABLE "provider_status_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"provider_id" uuid NOT NULL,
	"from_status" text NOT NULL,
	"to_status" text NOT NULL,
	"reason" text,
	"actor_id" uuid,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "providers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"uscc" varchar(18) NOT NULL,
	"name" text NOT NULL,
	"status" text DEFAULT 'registered' NOT NULL,
	"categories" text[] DEFAULT '{}'::text[] NOT NULL,
	"scene_ids" text[] DEFAULT '{}'::text[] NOT NULL,
	"industries" text[] DEFAULT '{}'::text[] NOT NULL,
	"technology_fields" text[] DEFAULT '{}'::text[] NOT NULL,
	"service_districts" text[] DEFAULT '{}'::text[] NOT NULL,
	"staff_count" integer,
	"qualifications" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"contact_name" text,
	"contact_phone" text,
	"address" text,
	"website" text,
	"profile" text,
	"admitted_at" timestamp with time zone,
	"exited_at" timestamp with time zone,
	"exit_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "providers_uscc_unique" UNIQUE("uscc"),
	CONSTRAINT "providers_uscc_len" CHECK (char_length("providers"."uscc") = 18),
	CONSTRAINT "providers_staff_nonneg" CHECK ("providers"."staff_count" is null or "providers"."staff_count" >= 0)
);
--> statement-breakpoint
ALTER TABLE "expert_assignments" ADD CONSTRAINT "expert_assignments_draw_id_expert_draws_id_fk" FOREIGN KEY ("draw_id") REFERENCES "public"."expert_draws"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "expert_assignments" ADD CONSTRAINT "expert_assignments_expert_id_experts_id_fk" FOREIGN KEY ("expert_id") REFERENCES "public"."experts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "expert_draws" ADD CONSTRAINT "expert_draws_drawn_by_users_id_fk" FOREIGN KEY ("drawn_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "experts" ADD CONSTRAINT "experts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pool_applications" ADD CONSTRAINT "pool_applications_provider_id_providers_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."providers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pool_applications" ADD CONSTRAINT "pool_applications_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pool_applications" ADD CONSTRAINT "pool_applications_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pool_objections" ADD CONSTRAINT "pool_objections_application_id_pool_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."pool_applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pool_objections" ADD CONSTRAINT "pool_objections_filed_by_users_id_fk" FOREIGN KEY ("filed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pool_objections" ADD CONSTRAINT "pool_objections_handled_by_users_id_fk" FOREIGN KEY ("handled_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pool_review_scores" ADD CONSTRAINT "pool_review_scores_application_id_pool_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."pool_applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pool_review_scores" ADD CONSTRAINT "pool_review_scores_expert_id_experts_id_fk" FOREIGN KEY ("expert_id") REFERENCES "public"."experts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "provider_cases" ADD CONSTRAINT "provider_cases_provider_id_providers_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."providers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "provider_cases" ADD CONSTRAINT "provider_cases_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "provider_cases" ADD CONSTRAINT "provider_cases_industry_industries_code_fk" FOREIGN KEY ("industry") REFERENCES "public"."industries"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "provider_evaluations" ADD CONSTRAINT "provider_evaluations_provider_id_providers_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."providers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "provider_evaluations" ADD CONSTRAINT "provider_evaluations_evaluated_by_users_id_fk" FOREIGN KEY ("evaluated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "provider_members" ADD CONSTRAINT "provider_members_provider_id_providers_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."providers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "provider_members" ADD CONSTRAINT "provider_members_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "provider_ratings" ADD CONSTRAINT "provider_ratings_provider_id_providers_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."providers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "provider_ratings" ADD CONSTRAINT "provider_ratings_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "provider_ratings" ADD CONSTRAINT "provider_ratings_diagnosis_id_diagnoses_id_fk" FOREIGN KEY ("diagnosis_id") REFERENCES "public"."diagnoses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "provider_ratings" ADD CONSTRAINT "provider_ratings_rated_by_users_id_fk" FOREIGN KEY ("rated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "provider_status_events" ADD CONSTRAINT "provider_status_events_provider_id_providers_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."providers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "provider_status_events" ADD CONSTRAINT "provider_status_events_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "expert_assignments_unique" ON "expert_assignments" USING btree ("draw_id","expert_id");--> statement-breakpoint
CREATE INDEX "expert_assignments_expert_idx" ON "expert_assignments" USING btree ("expert_id","created_at");--> statement-breakpoint
CREATE INDEX "expert_assignments_subject_idx" ON "expert_assignments" USING btree ("purpose","subject_id");--> statement-breakpoint
CREATE INDEX "expert_draws_subject_idx" ON "expert_draws" USING btree ("purpose","subject_id","drawn_at");--> statement-breakpoint
CREATE INDEX "expert_draws_date_idx" ON "expert_draws" USING btree ("draw_date");--> statement-breakpoint
CREATE INDEX "experts_status_name_idx" ON "experts" USING btree ("status","name");--> statement-breakpoint
CREATE INDEX "experts_fields_idx" ON "experts" USING gin ("fields");--> statement-breakpoint
CREATE INDEX "pool_applications_provider_idx" ON "pool_applications" USING btree ("provider_id","submitted_at");--> statement-breakpoint
CREATE INDEX "pool_applications_status_idx" ON "pool_applications" USING btree ("status","submitted_at");--> statement-breakpoint
CREATE INDEX "pool_objections_application_idx" ON "pool_objections" USING btree ("application_id","filed_at");--> statement-breakpoint
CREATE UNIQUE INDEX "pool_review_scores_unique" ON "pool_review_scores" USING btree ("application_id","expert_id");--> statement-breakpoint
CREATE INDEX "provider_cases_provider_idx" ON "provider_cases" USING btree ("provider_id","year");--> statement-breakpoint
CREATE UNIQUE INDEX "provider_evaluations_year" ON "provider_evaluations" USING btree ("provider_id","year");--> statement-breakpoint
CREATE INDEX "provider_members_provider_idx" ON "provider_members" USING btree ("provider_id");--> statement-breakpoint
CREATE UNIQUE INDEX "provider_ratings_unique" ON "provider_ratings" USING btree ("provider_id","diagnosis_id");--> statement-breakpoint
CREATE INDEX "provider_ratings_provider_idx" ON "provider_ratings" USING btree ("provider_id","created_at");--> statement-breakpoint
CREATE INDEX "provider_status_events_provider_idx" ON "provider_status_events" USING btree ("provider_id","at");--> statement-breakpoint
CREATE INDEX "providers_status_name_idx" ON "providers" USING btree ("status","name");--> statement-breakpoint
CREATE INDEX "providers_name_idx" ON "providers" USING btree ("name","id");--> statement-breakpoint
CREATE INDEX "providers_categories_idx" ON "providers" USING gin ("categories");--> statement-breakpoint
CREATE INDEX "providers_scenes_idx" ON "providers" USING gin ("scene_ids");