CREATE TABLE "demo_credentials" (
	"email" text PRIMARY KEY NOT NULL,
	"password" text NOT NULL,
	"role" text NOT NULL,
	"commune_code" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "last_login_at" timestamp with time zone;