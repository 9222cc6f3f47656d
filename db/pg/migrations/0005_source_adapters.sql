CREATE TABLE "push_items" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"sender_id" integer NOT NULL,
	"service" text NOT NULL,
	"unit" text,
	"dossier_id" text,
	"version" timestamp (3) with time zone,
	"item" jsonb NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"loaded_at" timestamp with time zone,
	"run_id" integer
);
--> statement-breakpoint
CREATE TABLE "push_senders" (
	"id" serial PRIMARY KEY NOT NULL,
	"dstcode" text NOT NULL,
	"username" text NOT NULL,
	"password_hash" text NOT NULL,
	"label" text,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" text,
	"password_changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone,
	CONSTRAINT "push_senders_dstcode_unique" UNIQUE("dstcode")
);
--> statement-breakpoint
CREATE TABLE "push_sessions" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"sender_id" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "source_code_maps" (
	"system" text NOT NULL,
	"kind" text NOT NULL,
	"code" text NOT NULL,
	"target" text,
	"label" text,
	"is_default" boolean DEFAULT false NOT NULL,
	"unmapped_seen" integer DEFAULT 0 NOT NULL,
	"last_seen_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" text,
	CONSTRAINT "source_code_maps_system_kind_code_pk" PRIMARY KEY("system","kind","code")
);
--> statement-breakpoint
ALTER TABLE "push_sessions" ADD CONSTRAINT "push_sessions_sender_id_push_senders_id_fk" FOREIGN KEY ("sender_id") REFERENCES "public"."push_senders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "push_items_pending_idx" ON "push_items" USING btree ("loaded_at","id");--> statement-breakpoint
CREATE INDEX "push_items_dossier_idx" ON "push_items" USING btree ("dossier_id","service");--> statement-breakpoint
CREATE INDEX "push_sessions_sender_idx" ON "push_sessions" USING btree ("sender_id");