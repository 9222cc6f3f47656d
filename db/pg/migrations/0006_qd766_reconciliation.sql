CREATE TABLE "qd766_portal_figures" (
	"id" serial PRIMARY KEY NOT NULL,
	"upload_id" integer NOT NULL,
	"commune_code" text NOT NULL,
	"metric" text NOT NULL,
	"numerator" double precision,
	"denominator" double precision,
	"points" double precision
);
--> statement-breakpoint
CREATE TABLE "qd766_uploads" (
	"id" serial PRIMARY KEY NOT NULL,
	"file_name" text NOT NULL,
	"format" text NOT NULL,
	"period_from" date NOT NULL,
	"period_to" date NOT NULL,
	"uploaded_by" text,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"figures" integer NOT NULL,
	"skipped" jsonb NOT NULL
);
--> statement-breakpoint
ALTER TABLE "qd766_portal_figures" ADD CONSTRAINT "qd766_portal_figures_upload_id_qd766_uploads_id_fk" FOREIGN KEY ("upload_id") REFERENCES "public"."qd766_uploads"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "qd766_portal_unique" ON "qd766_portal_figures" USING btree ("upload_id","commune_code","metric");--> statement-breakpoint
CREATE INDEX "qd766_portal_commune_idx" ON "qd766_portal_figures" USING btree ("commune_code");