ALTER TABLE "officials" ALTER COLUMN "language" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "officials" ALTER COLUMN "language" DROP NOT NULL;