CREATE TABLE "expert_pool_snapshots" (
	"hash" text PRIMARY KEY NOT NULL,
	"experts" jsonb NOT NULL,
	"size" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "expert_draws" ALTER COLUMN "pool" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "expert_draws" ALTER COLUMN "current" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "expert_draws" ADD COLUMN "pool_hash" text;--> statement-breakpoint
ALTER TABLE "expert_draws" ADD COLUMN "district_code" varchar(6);--> statement-breakpoint
ALTER TABLE "expert_draws" ADD CONSTRAINT "expert_draws_pool_hash_expert_pool_snapshots_hash_fk" FOREIGN KEY ("pool_hash") REFERENCES "public"."expert_pool_snapshots"("hash") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "expert_draws_district_idx" ON "expert_draws" USING btree ("district_code","drawn_at");--> statement-breakpoint
ALTER TABLE "expert_draws" ADD CONSTRAINT "expert_draws_pool_present" CHECK ("expert_draws"."pool" is not null or "expert_draws"."pool_hash" is not null);