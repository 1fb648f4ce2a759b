ALTER TABLE "assessments" ADD COLUMN "dimension_points" jsonb;--> statement-breakpoint
-- Backfill from the stored snapshots (written at submit from now on, see submittedScoreColumns).
UPDATE "assessments" SET "dimension_points" = (
  SELECT jsonb_object_agg(x ->> 'id', x -> 'points') FROM jsonb_array_elements("result" -> 'dimensions') AS x
) WHERE "result" IS NOT NULL AND jsonb_typeof("result" -> 'dimensions') = 'array';
