CREATE TABLE "coordination_tasks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"department_user_id" uuid,
	"department_name" text NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"deadline" date NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"response" text,
	"responded_at" timestamp with time zone,
	"responded_by" uuid,
	"assigned_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "project_attachments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"filename" text NOT NULL,
	"mime" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"content" "bytea" NOT NULL,
	"uploaded_by" uuid NOT NULL,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "project_reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"report_date" date NOT NULL,
	"percent" smallint NOT NULL,
	"investment_completed_fen" bigint NOT NULL,
	"note" text,
	"reported_by" uuid NOT NULL,
	"reported_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "project_reports_numbers" CHECK ("project_reports"."percent" between 0 and 100 and "project_reports"."investment_completed_fen" >= 0)
);
--> statement-breakpoint
CREATE TABLE "project_reviews" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"stage" text NOT NULL,
	"reviewer_id" uuid NOT NULL,
	"scores" jsonb,
	"total" integer,
	"opinion" text,
	"decision" text,
	"assigned_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"submitted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "projects" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"district_code" varchar(6) NOT NULL,
	"name" text NOT NULL,
	"type" text NOT NULL,
	"total_investment_fen" bigint NOT NULL,
	"equipment_investment_fen" bigint DEFAULT 0 NOT NULL,
	"software_investment_fen" bigint DEFAULT 0 NOT NULL,
	"approved_equipment_fen" bigint,
	"loan_principal_fen" bigint,
	"loan_months" integer,
	"planned_start_date" date NOT NULL,
	"planned_finish_date" date NOT NULL,
	"expected_outcomes" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"submitted_at" timestamp with time zone,
	"started_on" date,
	"finished_on" date,
	"percent_complete" smallint DEFAULT 0 NOT NULL,
	"investment_completed_fen" bigint DEFAULT 0 NOT NULL,
	"last_report_on" date,
	"accepted_at" timestamp with time zone,
	"approved_amount_fen" bigint,
	"policy_id" text,
	"policy_version" text,
	"award_id" uuid,
	"approved_at" timestamp with time zone,
	"approved_by" uuid,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "projects_amounts" CHECK ("projects"."total_investment_fen" > 0 and "projects"."equipment_investment_fen" >= 0 and "projects"."software_investment_fen" >= 0 and "projects"."equipment_investment_fen" + "projects"."software_investment_fen" <= "projects"."total_investment_fen" and coalesce("projects"."approved_amount_fen", 0) >= 0 and coalesce("projects"."loan_principal_fen", 0) >= 0),
	CONSTRAINT "projects_progress" CHECK ("projects"."percent_complete" between 0 and 100 and "projects"."investment_completed_fen" between 0 and "projects"."total_investment_fen"),
	CONSTRAINT "projects_dates" CHECK ("projects"."planned_finish_date" >= "projects"."planned_start_date")
);
--> statement-breakpoint
ALTER TABLE "coordination_tasks" ADD CONSTRAINT "coordination_tasks_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coordination_tasks" ADD CONSTRAINT "coordination_tasks_department_user_id_users_id_fk" FOREIGN KEY ("department_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coordination_tasks" ADD CONSTRAINT "coordination_tasks_responded_by_users_id_fk" FOREIGN KEY ("responded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coordination_tasks" ADD CONSTRAINT "coordination_tasks_assigned_by_users_id_fk" FOREIGN KEY ("assigned_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_attachments" ADD CONSTRAINT "project_attachments_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_attachments" ADD CONSTRAINT "project_attachments_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_reports" ADD CONSTRAINT "project_reports_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_reports" ADD CONSTRAINT "project_reports_reported_by_users_id_fk" FOREIGN KEY ("reported_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_reviews" ADD CONSTRAINT "project_reviews_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_reviews" ADD CONSTRAINT "project_reviews_reviewer_id_users_id_fk" FOREIGN KEY ("reviewer_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_reviews" ADD CONSTRAINT "project_reviews_assigned_by_users_id_fk" FOREIGN KEY ("assigned_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_district_code_districts_code_fk" FOREIGN KEY ("district_code") REFERENCES "public"."districts"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_award_id_policy_awards_id_fk" FOREIGN KEY ("award_id") REFERENCES "public"."policy_awards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_approved_by_users_id_fk" FOREIGN KEY ("approved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "coordination_tasks_project_idx" ON "coordination_tasks" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "coordination_tasks_department_idx" ON "coordination_tasks" USING btree ("department_user_id","status");--> statement-breakpoint
CREATE INDEX "coordination_tasks_department_name_idx" ON "coordination_tasks" USING btree ("department_name","status");--> statement-breakpoint
CREATE INDEX "project_attachments_project_idx" ON "project_attachments" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "project_reports_project_idx" ON "project_reports" USING btree ("project_id","report_date");--> statement-breakpoint
CREATE INDEX "project_reviews_project_idx" ON "project_reviews" USING btree ("project_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "project_reviews_expert_uq" ON "project_reviews" USING btree ("project_id","reviewer_id") WHERE "project_reviews"."stage" = 'expert';--> statement-breakpoint
CREATE INDEX "project_reviews_reviewer_idx" ON "project_reviews" USING btree ("reviewer_id","stage");--> statement-breakpoint
CREATE INDEX "projects_district_status_idx" ON "projects" USING btree ("district_code","status");--> statement-breakpoint
CREATE INDEX "projects_enterprise_idx" ON "projects" USING btree ("enterprise_id","created_at");--> statement-breakpoint
CREATE INDEX "projects_status_start_idx" ON "projects" USING btree ("status","planned_start_date");