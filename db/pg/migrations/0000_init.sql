CREATE TABLE "communes" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"full_name" text NOT NULL,
	"name_en" text NOT NULL,
	"type" text NOT NULL,
	"province_code" text NOT NULL,
	"area_km2" double precision,
	"population" integer,
	"formed_by_merger" boolean DEFAULT false NOT NULL,
	"disadvantaged" boolean,
	"disadvantaged_synthetic" boolean DEFAULT false NOT NULL,
	"centroid_lon" double precision,
	"centroid_lat" double precision,
	"formed_from_text" text
);
--> statement-breakpoint
CREATE TABLE "holidays" (
	"date" date NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"source" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "holidays_date_kind_pk" PRIMARY KEY("date","kind")
);
--> statement-breakpoint
CREATE TABLE "commune_lineage" (
	"id" serial PRIMARY KEY NOT NULL,
	"province_code" text NOT NULL,
	"old_unit_name" text NOT NULL,
	"old_unit_key" text NOT NULL,
	"old_unit_code" text,
	"new_commune_code" text NOT NULL,
	"partial" boolean DEFAULT false NOT NULL,
	"share" double precision
);
--> statement-breakpoint
CREATE TABLE "provinces" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"full_name" text NOT NULL,
	"name_en" text NOT NULL,
	"commune_count" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "assignments" (
	"id" serial PRIMARY KEY NOT NULL,
	"officer_id" text NOT NULL,
	"commune_code" text NOT NULL,
	"kind" text DEFAULT 'home' NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date,
	"reason" text,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "counters" (
	"id" serial PRIMARY KEY NOT NULL,
	"service_point_id" integer NOT NULL,
	"label" text NOT NULL,
	"fields" text[] DEFAULT '{}' NOT NULL,
	"active" boolean DEFAULT true NOT NULL
);
--> statement-breakpoint
CREATE TABLE "officers" (
	"id" text PRIMARY KEY NOT NULL,
	"full_name" text NOT NULL,
	"position" text NOT NULL,
	"home_commune_code" text,
	"skills" text[] DEFAULT '{}' NOT NULL,
	"fte" double precision DEFAULT 1 NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"synthetic" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "procedure_effort" (
	"id" serial PRIMARY KEY NOT NULL,
	"field_code" text NOT NULL,
	"procedure_code" text,
	"back_office_hours" double precision NOT NULL,
	"counter_minutes" double precision
);
--> statement-breakpoint
CREATE TABLE "service_points" (
	"id" serial PRIMARY KEY NOT NULL,
	"commune_code" text NOT NULL,
	"name" text NOT NULL,
	"address" text,
	"is_main" boolean DEFAULT true NOT NULL,
	"has_ticket_machine" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "staffing_params" (
	"id" serial PRIMARY KEY NOT NULL,
	"commune_code" text,
	"counter_hours_per_day" double precision DEFAULT 7 NOT NULL,
	"handling_minutes" double precision DEFAULT 12 NOT NULL,
	"target_wait_minutes" double precision DEFAULT 15 NOT NULL,
	"target_service_level" double precision DEFAULT 0.8 NOT NULL,
	"work_hours_per_day" double precision DEFAULT 8 NOT NULL,
	"min_staff" integer DEFAULT 3 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "equipment_inventory" (
	"commune_code" text NOT NULL,
	"type_code" text NOT NULL,
	"working" integer DEFAULT 0 NOT NULL,
	"broken" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" text,
	"synthetic" boolean DEFAULT false NOT NULL,
	CONSTRAINT "equipment_inventory_commune_code_type_code_pk" PRIMARY KEY("commune_code","type_code")
);
--> statement-breakpoint
CREATE TABLE "equipment_types" (
	"code" text PRIMARY KEY NOT NULL,
	"name_vi" text NOT NULL,
	"name_en" text NOT NULL,
	"basis" text NOT NULL,
	"per_unit" double precision NOT NULL,
	"unit_price_vnd" bigint NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "alert_thresholds" (
	"id" serial PRIMARY KEY NOT NULL,
	"kpi" text NOT NULL,
	"commune_code" text,
	"op" text NOT NULL,
	"watch" double precision,
	"critical" double precision NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" text
);
--> statement-breakpoint
CREATE TABLE "alerts" (
	"id" serial PRIMARY KEY NOT NULL,
	"commune_code" text NOT NULL,
	"kpi" text NOT NULL,
	"level" text NOT NULL,
	"value" double precision NOT NULL,
	"threshold" double precision NOT NULL,
	"since" timestamp with time zone NOT NULL,
	"last_seen" timestamp with time zone NOT NULL,
	"cleared_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "kpi_targets" (
	"id" serial PRIMARY KEY NOT NULL,
	"kpi" text NOT NULL,
	"commune_code" text,
	"target" double precision NOT NULL,
	"direction" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" text
);
--> statement-breakpoint
CREATE TABLE "api_tokens" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"token_hash" text NOT NULL,
	"label" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "api_tokens_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"ip" text
);
--> statement-breakpoint
CREATE TABLE "user_roles" (
	"user_id" text NOT NULL,
	"role" text NOT NULL,
	CONSTRAINT "user_roles_user_id_role_pk" PRIMARY KEY("user_id","role")
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" text PRIMARY KEY NOT NULL,
	"email" text NOT NULL,
	"display_name" text,
	"password_hash" text NOT NULL,
	"commune_code" text,
	"active" boolean DEFAULT true NOT NULL,
	"failed_attempts" integer DEFAULT 0 NOT NULL,
	"locked_until" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_email_unique" UNIQUE("email")
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor" text,
	"action" text NOT NULL,
	"target" text,
	"detail" jsonb,
	"ip" text
);
--> statement-breakpoint
CREATE TABLE "etl_locks" (
	"job" text PRIMARY KEY NOT NULL,
	"holder" text NOT NULL,
	"acquired_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "etl_rejects" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"run_id" integer,
	"job" text NOT NULL,
	"reason" text NOT NULL,
	"detail" text,
	"record_id" text,
	"raw" jsonb,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "etl_runs" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"job" text NOT NULL,
	"status" text NOT NULL,
	"trigger" text DEFAULT 'schedule' NOT NULL,
	"source" text,
	"window_from" timestamp (3) with time zone,
	"window_to" timestamp (3) with time zone,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"read" integer DEFAULT 0 NOT NULL,
	"loaded" integer DEFAULT 0 NOT NULL,
	"rejected" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"error" text
);
--> statement-breakpoint
CREATE TABLE "etl_watermarks" (
	"job" text PRIMARY KEY NOT NULL,
	"watermark" timestamp (3) with time zone,
	"last_id" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "actions" (
	"id" serial PRIMARY KEY NOT NULL,
	"commune_code" text,
	"kpi" text NOT NULL,
	"title" text NOT NULL,
	"department" text NOT NULL,
	"owner" text,
	"due_date" date,
	"status" text DEFAULT 'open' NOT NULL,
	"value_at_open" double precision,
	"alert_id" integer,
	"note" text,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "budget_plan_lines" (
	"id" serial PRIMARY KEY NOT NULL,
	"plan_id" integer NOT NULL,
	"commune_code" text NOT NULL,
	"type_code" text NOT NULL,
	"quantity" integer NOT NULL,
	"unit_price_vnd" bigint NOT NULL,
	"amount_vnd" bigint NOT NULL,
	"priority" double precision,
	"reason" text
);
--> statement-breakpoint
CREATE TABLE "budget_plans" (
	"id" serial PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"year" integer NOT NULL,
	"ceiling_vnd" bigint NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"method" text NOT NULL,
	"summary" jsonb,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"approved_by" text,
	"approved_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "staffing_plan_moves" (
	"id" serial PRIMARY KEY NOT NULL,
	"plan_id" integer NOT NULL,
	"officer_id" text NOT NULL,
	"from_commune" text,
	"to_commune" text NOT NULL,
	"kind" text NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date
);
--> statement-breakpoint
CREATE TABLE "staffing_plans" (
	"id" serial PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"params" jsonb,
	"predicted" jsonb,
	"reason" text,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"accepted_by" text,
	"accepted_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "communes" ADD CONSTRAINT "communes_province_code_provinces_code_fk" FOREIGN KEY ("province_code") REFERENCES "public"."provinces"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commune_lineage" ADD CONSTRAINT "commune_lineage_new_commune_code_communes_code_fk" FOREIGN KEY ("new_commune_code") REFERENCES "public"."communes"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assignments" ADD CONSTRAINT "assignments_officer_id_officers_id_fk" FOREIGN KEY ("officer_id") REFERENCES "public"."officers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assignments" ADD CONSTRAINT "assignments_commune_code_communes_code_fk" FOREIGN KEY ("commune_code") REFERENCES "public"."communes"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "counters" ADD CONSTRAINT "counters_service_point_id_service_points_id_fk" FOREIGN KEY ("service_point_id") REFERENCES "public"."service_points"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "officers" ADD CONSTRAINT "officers_home_commune_code_communes_code_fk" FOREIGN KEY ("home_commune_code") REFERENCES "public"."communes"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_points" ADD CONSTRAINT "service_points_commune_code_communes_code_fk" FOREIGN KEY ("commune_code") REFERENCES "public"."communes"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staffing_params" ADD CONSTRAINT "staffing_params_commune_code_communes_code_fk" FOREIGN KEY ("commune_code") REFERENCES "public"."communes"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "equipment_inventory" ADD CONSTRAINT "equipment_inventory_commune_code_communes_code_fk" FOREIGN KEY ("commune_code") REFERENCES "public"."communes"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "equipment_inventory" ADD CONSTRAINT "equipment_inventory_type_code_equipment_types_code_fk" FOREIGN KEY ("type_code") REFERENCES "public"."equipment_types"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_roles" ADD CONSTRAINT "user_roles_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budget_plan_lines" ADD CONSTRAINT "budget_plan_lines_plan_id_budget_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."budget_plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staffing_plan_moves" ADD CONSTRAINT "staffing_plan_moves_plan_id_staffing_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."staffing_plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "communes_province_idx" ON "communes" USING btree ("province_code");--> statement-breakpoint
CREATE UNIQUE INDEX "lineage_old_new_uq" ON "commune_lineage" USING btree ("province_code","old_unit_key","new_commune_code");--> statement-breakpoint
CREATE INDEX "lineage_key_idx" ON "commune_lineage" USING btree ("old_unit_key");--> statement-breakpoint
CREATE INDEX "assignments_commune_idx" ON "assignments" USING btree ("commune_code","valid_from");--> statement-breakpoint
CREATE INDEX "officers_home_idx" ON "officers" USING btree ("home_commune_code");--> statement-breakpoint
CREATE INDEX "inventory_type_idx" ON "equipment_inventory" USING btree ("type_code");--> statement-breakpoint
CREATE UNIQUE INDEX "alert_thresholds_uq" ON "alert_thresholds" USING btree ("kpi","commune_code");--> statement-breakpoint
CREATE INDEX "alerts_open_idx" ON "alerts" USING btree ("commune_code","kpi","cleared_at");--> statement-breakpoint
CREATE UNIQUE INDEX "kpi_targets_uq" ON "kpi_targets" USING btree ("kpi","commune_code");--> statement-breakpoint
CREATE INDEX "sessions_user_idx" ON "sessions" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "audit_at_idx" ON "audit_log" USING btree ("at");--> statement-breakpoint
CREATE INDEX "audit_action_idx" ON "audit_log" USING btree ("action");--> statement-breakpoint
CREATE INDEX "etl_rejects_job_idx" ON "etl_rejects" USING btree ("job","reason");--> statement-breakpoint
CREATE INDEX "etl_rejects_run_idx" ON "etl_rejects" USING btree ("run_id");--> statement-breakpoint
CREATE INDEX "etl_runs_job_idx" ON "etl_runs" USING btree ("job","started_at");--> statement-breakpoint
CREATE INDEX "actions_commune_idx" ON "actions" USING btree ("commune_code","status");--> statement-breakpoint
CREATE INDEX "budget_lines_plan_idx" ON "budget_plan_lines" USING btree ("plan_id");--> statement-breakpoint
CREATE INDEX "plan_moves_plan_idx" ON "staffing_plan_moves" USING btree ("plan_id");