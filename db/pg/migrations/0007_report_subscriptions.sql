CREATE TABLE "report_files" (
	"id" serial PRIMARY KEY NOT NULL,
	"subscription_id" integer NOT NULL,
	"period_from" date NOT NULL,
	"period_to" date NOT NULL,
	"file" text NOT NULL,
	"bytes" integer NOT NULL,
	"pages" integer NOT NULL,
	"emailed_to" text,
	"run_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "report_subscriptions" (
	"id" serial PRIMARY KEY NOT NULL,
	"department" text NOT NULL,
	"commune_code" text,
	"frequency" text NOT NULL,
	"email" text,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "report_files_period_uq" ON "report_files" USING btree ("subscription_id","period_from","period_to");--> statement-breakpoint
CREATE INDEX "report_files_created_idx" ON "report_files" USING btree ("created_at");