ALTER TABLE "expert_assignments" ADD COLUMN "rating" smallint;--> statement-breakpoint
ALTER TABLE "expert_assignments" ADD COLUMN "rating_comment" text;--> statement-breakpoint
ALTER TABLE "expert_assignments" ADD COLUMN "rated_by" uuid;--> statement-breakpoint
ALTER TABLE "expert_assignments" ADD COLUMN "rated_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "expert_assignments" ADD CONSTRAINT "expert_assignments_rated_by_users_id_fk" FOREIGN KEY ("rated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "expert_assignments" ADD CONSTRAINT "expert_assignments_rating_range" CHECK ("expert_assignments"."rating" is null or "expert_assignments"."rating" between 1 and 5);