ALTER TABLE "etl_rejects" ADD COLUMN "fingerprint" text;--> statement-breakpoint
CREATE UNIQUE INDEX "etl_rejects_fingerprint_uq" ON "etl_rejects" USING btree ("job","fingerprint");