CREATE TABLE "indicator_live_figures" (
	"indicator_id" text NOT NULL,
	"period" text NOT NULL,
	"scope" text NOT NULL,
	"indicator_version" text NOT NULL,
	"value" numeric(20, 6),
	"numerator" numeric(24, 6),
	"denominator" numeric(24, 6),
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"as_of" timestamp with time zone DEFAULT now() NOT NULL,
	"source_version" text NOT NULL,
	CONSTRAINT "indicator_live_figures_indicator_id_period_scope_pk" PRIMARY KEY("indicator_id","period","scope"),
	CONSTRAINT "indicator_live_figures_scope_ck" CHECK ("indicator_live_figures"."scope" = 'city' or "indicator_live_figures"."scope" ~ '^[0-9]{6}$')
);
--> statement-breakpoint
ALTER TABLE "policy_sweeps" ALTER COLUMN "user_id" DROP NOT NULL;
