ALTER TABLE "assessments" ADD CONSTRAINT "assessments_status_check" CHECK ("assessments"."status" in ('draft', 'submitted'));--> statement-breakpoint
ALTER TABLE "demand_leads" ADD CONSTRAINT "demand_leads_status_check" CHECK ("demand_leads"."status" in ('shortlisted', 'contacted', 'contracted', 'declined'));--> statement-breakpoint
ALTER TABLE "demands" ADD CONSTRAINT "demands_status_check" CHECK ("demands"."status" in ('open', 'matched', 'closed'));--> statement-breakpoint
ALTER TABLE "diagnoses" ADD CONSTRAINT "diagnoses_status_check" CHECK ("diagnoses"."status" in ('requested', 'scheduled', 'in_progress', 'verified', 'closed', 'cancelled'));--> statement-breakpoint
ALTER TABLE "event_leads" ADD CONSTRAINT "event_leads_status_check" CHECK ("event_leads"."status" in ('following', 'converted', 'lost'));--> statement-breakpoint
ALTER TABLE "match_events" ADD CONSTRAINT "match_events_status_check" CHECK ("match_events"."status" in ('planned', 'finished', 'cancelled'));--> statement-breakpoint
ALTER TABLE "expert_assignments" ADD CONSTRAINT "expert_assignments_status_check" CHECK ("expert_assignments"."status" in ('invited', 'accepted', 'declined'));--> statement-breakpoint
ALTER TABLE "experts" ADD CONSTRAINT "experts_status_check" CHECK ("experts"."status" in ('active', 'suspended', 'retired'));--> statement-breakpoint
ALTER TABLE "export_jobs" ADD CONSTRAINT "export_jobs_status_check" CHECK ("export_jobs"."status" in ('queued', 'running', 'done', 'failed'));--> statement-breakpoint
ALTER TABLE "import_jobs" ADD CONSTRAINT "import_jobs_status_check" CHECK ("import_jobs"."status" in ('queued', 'running', 'done', 'failed'));--> statement-breakpoint
ALTER TABLE "policy_awards" ADD CONSTRAINT "policy_awards_status_check" CHECK ("policy_awards"."status" in ('identified', 'district_confirmed', 'enterprise_confirmed', 'paid', 'declined', 'withdrawn'));--> statement-breakpoint
ALTER TABLE "policy_sweeps" ADD CONSTRAINT "policy_sweeps_status_check" CHECK ("policy_sweeps"."status" in ('queued', 'running', 'done', 'failed'));--> statement-breakpoint
ALTER TABLE "pool_applications" ADD CONSTRAINT "pool_applications_status_check" CHECK ("pool_applications"."status" in ('submitted', 'under_review', 'in_notice', 'admitted', 'rejected', 'withdrawn'));--> statement-breakpoint
ALTER TABLE "pool_objections" ADD CONSTRAINT "pool_objections_status_check" CHECK ("pool_objections"."status" in ('open', 'upheld', 'dismissed'));--> statement-breakpoint
ALTER TABLE "coordination_tasks" ADD CONSTRAINT "coordination_tasks_status_check" CHECK ("coordination_tasks"."status" in ('open', 'in_progress', 'done'));--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_status_check" CHECK ("projects"."status" in ('draft', 'returned', 'district_review', 'expert_review', 'approved', 'rejected', 'in_construction', 'acceptance', 'completed'));--> statement-breakpoint
ALTER TABLE "provider_status_events" ADD CONSTRAINT "provider_status_events_from_status_check" CHECK ("provider_status_events"."from_status" in ('registered', 'applied', 'under_review', 'in_notice', 'admitted', 'suspended', 'exited'));--> statement-breakpoint
ALTER TABLE "provider_status_events" ADD CONSTRAINT "provider_status_events_to_status_check" CHECK ("provider_status_events"."to_status" in ('registered', 'applied', 'under_review', 'in_notice', 'admitted', 'suspended', 'exited'));--> statement-breakpoint
ALTER TABLE "providers" ADD CONSTRAINT "providers_status_check" CHECK ("providers"."status" in ('registered', 'applied', 'under_review', 'in_notice', 'admitted', 'suspended', 'exited'));--> statement-breakpoint
ALTER TABLE "districts" ADD CONSTRAINT "districts_status_check" CHECK ("districts"."status" in ('current', 'historical'));--> statement-breakpoint
ALTER TABLE "solutions" ADD CONSTRAINT "solutions_status_check" CHECK ("solutions"."status" in ('draft', 'published', 'withdrawn'));