CREATE TABLE "export_job_files" (
	"job_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"name" text NOT NULL,
	"crc32" bigint NOT NULL,
	"size" integer NOT NULL,
	"compressed_size" integer NOT NULL,
	"data" "bytea" NOT NULL,
	CONSTRAINT "export_job_files_job_id_seq_pk" PRIMARY KEY("job_id","seq")
);
--> statement-breakpoint
ALTER TABLE "export_job_files" ADD CONSTRAINT "export_job_files_job_id_export_jobs_id_fk" FOREIGN KEY ("job_id") REFERENCES "public"."export_jobs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "export_jobs" DROP COLUMN "result";