DROP INDEX "enterprises_revenue_idx";--> statement-breakpoint
CREATE INDEX "enterprises_district_revenue_idx" ON "enterprises" USING btree ("district_code","latest_revenue_fen" DESC NULLS LAST,"id");--> statement-breakpoint
CREATE INDEX "enterprises_district_scale_idx" ON "enterprises" USING btree ("district_code","above_scale");--> statement-breakpoint
CREATE INDEX "enterprises_revenue_idx" ON "enterprises" USING btree ("latest_revenue_fen" DESC NULLS LAST,"id");