CREATE TABLE "instruments" (
	"id" text NOT NULL,
	"version" text NOT NULL,
	"name" text NOT NULL,
	"checksum" text NOT NULL,
	"definition" jsonb NOT NULL,
	"source_file" text NOT NULL,
	"current" boolean DEFAULT true NOT NULL,
	"loaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "instruments_id_version_pk" PRIMARY KEY("id","version")
);
