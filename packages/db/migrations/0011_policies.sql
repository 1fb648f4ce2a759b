CREATE TABLE "award_payments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"award_id" uuid NOT NULL,
	"tranche" smallint NOT NULL,
	"amount_fen" bigint NOT NULL,
	"idempotency_key" text NOT NULL,
	"voucher_no" text,
	"paid_at" timestamp with time zone DEFAULT now() NOT NULL,
	"paid_by" uuid NOT NULL,
	CONSTRAINT "award_payments_idempotency_key_unique" UNIQUE("idempotency_key"),
	CONSTRAINT "award_payments_positive" CHECK ("award_payments"."amount_fen" > 0)
);
--> statement-breakpoint
CREATE TABLE "budget_pools" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"payer" text NOT NULL,
	"district_code" varchar(6),
	"year" smallint NOT NULL,
	"total_fen" bigint NOT NULL,
	"reserved_fen" bigint DEFAULT 0 NOT NULL,
	"paid_fen" bigint DEFAULT 0 NOT NULL,
	"note" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "budget_pools_amounts_nonneg" CHECK ("budget_pools"."total_fen" >= 0 and "budget_pools"."reserved_fen" >= 0 and "budget_pools"."paid_fen" >= 0),
	CONSTRAINT "budget_pools_within_total" CHECK ("budget_pools"."reserved_fen" + "budget_pools"."paid_fen" <= "budget_pools"."total_fen")
);
--> statement-breakpoint
CREATE TABLE "policies" (
	"id" text NOT NULL,
	"version" text NOT NULL,
	"name" text NOT NULL,
	"checksum" text NOT NULL,
	"definition" jsonb NOT NULL,
	"source_file" text NOT NULL,
	"current" boolean DEFAULT true NOT NULL,
	"loaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "policies_id_version_pk" PRIMARY KEY("id","version")
);
--> statement-breakpoint
CREATE TABLE "policy_awards" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"policy_id" text NOT NULL,
	"policy_version" text NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"project_id" uuid,
	"source" text DEFAULT 'sweep' NOT NULL,
	"status" text DEFAULT 'identified' NOT NULL,
	"non_cumulation_group" text,
	"amount_fen" bigint NOT NULL,
	"paid_fen" bigint DEFAULT 0 NOT NULL,
	"shares" jsonb NOT NULL,
	"reservations" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"facts" jsonb NOT NULL,
	"evaluation" jsonb NOT NULL,
	"identified_at" timestamp with time zone DEFAULT now() NOT NULL,
	"identified_by" uuid,
	"district_confirmed_at" timestamp with time zone,
	"district_confirmed_by" uuid,
	"enterprise_confirmed_at" timestamp with time zone,
	"enterprise_confirmed_by" uuid,
	"paid_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"closed_by" uuid,
	"close_reason" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "policy_awards_amounts" CHECK ("policy_awards"."amount_fen" >= 0 and "policy_awards"."paid_fen" >= 0 and "policy_awards"."paid_fen" <= "policy_awards"."amount_fen")
);
--> statement-breakpoint
CREATE TABLE "policy_sweeps" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"policy_id" text NOT NULL,
	"policy_version" text NOT NULL,
	"district_code" varchar(6),
	"user_id" uuid NOT NULL,
	"status" text NOT NULL,
	"total" integer DEFAULT 0 NOT NULL,
	"done" integer DEFAULT 0 NOT NULL,
	"eligible" integer DEFAULT 0 NOT NULL,
	"identified" integer DEFAULT 0 NOT NULL,
	"existing" integer DEFAULT 0 NOT NULL,
	"ineligible" integer DEFAULT 0 NOT NULL,
	"missing" integer DEFAULT 0 NOT NULL,
	"identified_fen" bigint DEFAULT 0 NOT NULL,
	"error_message" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "award_payments" ADD CONSTRAINT "award_payments_award_id_policy_awards_id_fk" FOREIGN KEY ("award_id") REFERENCES "public"."policy_awards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "award_payments" ADD CONSTRAINT "award_payments_paid_by_users_id_fk" FOREIGN KEY ("paid_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budget_pools" ADD CONSTRAINT "budget_pools_district_code_districts_code_fk" FOREIGN KEY ("district_code") REFERENCES "public"."districts"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budget_pools" ADD CONSTRAINT "budget_pools_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "policy_awards" ADD CONSTRAINT "policy_awards_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "policy_awards" ADD CONSTRAINT "policy_awards_identified_by_users_id_fk" FOREIGN KEY ("identified_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "policy_awards" ADD CONSTRAINT "policy_awards_district_confirmed_by_users_id_fk" FOREIGN KEY ("district_confirmed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "policy_awards" ADD CONSTRAINT "policy_awards_enterprise_confirmed_by_users_id_fk" FOREIGN KEY ("enterprise_confirmed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "policy_awards" ADD CONSTRAINT "policy_awards_closed_by_users_id_fk" FOREIGN KEY ("closed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "policy_awards" ADD CONSTRAINT "policy_awards_policy_id_policy_version_policies_id_version_fk" FOREIGN KEY ("policy_id","policy_version") REFERENCES "public"."policies"("id","version") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "policy_sweeps" ADD CONSTRAINT "policy_sweeps_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "award_payments_tranche_uq" ON "award_payments" USING btree ("award_id","tranche");--> statement-breakpoint
CREATE UNIQUE INDEX "budget_pools_code_district_year_uq" ON "budget_pools" USING btree ("code",coalesce("district_code", ''),"year");--> statement-breakpoint
CREATE UNIQUE INDEX "policy_awards_open_uq" ON "policy_awards" USING btree ("policy_id","enterprise_id",coalesce("project_id", '00000000-0000-0000-0000-000000000000'::uuid)) WHERE "policy_awards"."status" in ('identified', 'district_confirmed', 'enterprise_confirmed');--> statement-breakpoint
CREATE INDEX "policy_awards_enterprise_idx" ON "policy_awards" USING btree ("enterprise_id","status");--> statement-breakpoint
CREATE INDEX "policy_awards_policy_idx" ON "policy_awards" USING btree ("policy_id","status","identified_at");