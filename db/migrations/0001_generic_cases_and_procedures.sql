CREATE TABLE "procedures" (
	"id" text NOT NULL,
	"version" integer NOT NULL,
	"area" text NOT NULL,
	"kind" text NOT NULL,
	"code" text NOT NULL,
	"definition" json NOT NULL,
	"hash" text NOT NULL,
	"source" text NOT NULL,
	"published_by" text,
	"published_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "procedures_pk" PRIMARY KEY("id","version"),
	CONSTRAINT "procedures_source_known" CHECK ("procedures"."source" in ('catalog', 'api'))
);
--> statement-breakpoint
ALTER TABLE "cases" DROP CONSTRAINT "cases_requester_authority_id_authorities_id_fk";
--> statement-breakpoint
ALTER TABLE "cases" DROP CONSTRAINT "cases_responder_authority_id_authorities_id_fk";
--> statement-breakpoint
DROP INDEX "cases_requester_idx";--> statement-breakpoint
DROP INDEX "cases_responder_idx";--> statement-breakpoint
DROP INDEX "cases_escalated_idx";--> statement-breakpoint
ALTER TABLE "cases" ALTER COLUMN "requested_reply_by" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "cases" ALTER COLUMN "agreed_reply_by" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "kind" text;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "final" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "initiator_authority_id" text;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "initiator_country" text;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "parties" jsonb;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "authority_ids" text[];--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "countries" text[];--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "escalated_countries" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "escalations" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "started_by" text;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "deadlines" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "next_due_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "flags" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "started_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "finished_at" timestamp with time zone;--> statement-breakpoint
-- Cases recorded by the format-1 request-and-reply workflow, in the generic shape. Instants in
-- jsonb are written as JavaScript writes them (toISOString), so old and new rows read alike.
CREATE FUNCTION "pg_temp"."iso"(t timestamptz) RETURNS jsonb LANGUAGE sql IMMUTABLE AS $$
	SELECT to_jsonb(to_char(t AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
$$;--> statement-breakpoint
UPDATE "cases" SET
	"kind" = 'request-reply',
	"final" = "status" = 'withdrawn',
	"initiator_authority_id" = "requester_authority_id",
	"initiator_country" = "requester_country",
	"parties" = jsonb_build_object(
		'requester', jsonb_build_array(jsonb_build_object('authorityId', "requester_authority_id", 'country', "requester_country")),
		'responder', jsonb_build_array(jsonb_build_object('authorityId', "responder_authority_id", 'country', "responder_country"))),
	"authority_ids" = ARRAY["requester_authority_id", "responder_authority_id"],
	"countries" = ARRAY(SELECT DISTINCT unnest(ARRAY["requester_country", "responder_country"])),
	"escalated_countries" = CASE WHEN "escalated_to_country" IS NULL THEN '{}'::text[] ELSE ARRAY["escalated_to_country"] END,
	"escalations" = CASE WHEN "escalated_to_country" IS NULL THEN '[]'::jsonb
		ELSE jsonb_build_array(jsonb_build_object('role', 'coordinator', 'country', "escalated_to_country", 'at', pg_temp.iso("escalated_at"))) END,
	"started_by" = "submitted_by",
	"started_at" = "submitted_at",
	"answers" = jsonb_build_object('request', "answers"),
	"deadlines" = jsonb_strip_nulls(jsonb_build_object(
		'acceptance', CASE WHEN "status" = 'submitted' AND NOT "not_accepted_in_time" THEN pg_temp.iso("accept_by") END,
		'reply', CASE WHEN "status" IN ('submitted', 'accepted', 'information-requested') AND NOT "overdue"
			THEN pg_temp.iso(("agreed_reply_by" + 1)::timestamp AT TIME ZONE 'UTC') END)),
	"flags" = array_remove(ARRAY[
		CASE WHEN "not_accepted_in_time" THEN 'not-accepted-in-time' END,
		CASE WHEN "overdue" THEN 'overdue' END], NULL),
	"finished_at" = "withdrawn_at";--> statement-breakpoint
UPDATE "cases" SET "next_due_at" = (SELECT min((value #>> '{}')::timestamptz) FROM jsonb_each("deadlines"));--> statement-breakpoint
ALTER TABLE "cases" ALTER COLUMN "kind" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "cases" ALTER COLUMN "initiator_authority_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "cases" ALTER COLUMN "initiator_country" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "cases" ALTER COLUMN "parties" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "cases" ALTER COLUMN "authority_ids" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "cases" ALTER COLUMN "countries" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "cases" ALTER COLUMN "started_by" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "cases" ALTER COLUMN "started_at" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_initiator_authority_id_authorities_id_fk" FOREIGN KEY ("initiator_authority_id") REFERENCES "public"."authorities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "cases_authorities_idx" ON "cases" USING gin ("authority_ids");--> statement-breakpoint
CREATE INDEX "cases_procedure_idx" ON "cases" USING btree ("procedure_id","status");--> statement-breakpoint
CREATE INDEX "cases_next_due_idx" ON "cases" USING btree ("next_due_at") WHERE not "cases"."final";--> statement-breakpoint
CREATE INDEX "cases_escalated_idx" ON "cases" USING gin ("escalated_countries");--> statement-breakpoint
ALTER TABLE "cases" DROP COLUMN "requester_authority_id";--> statement-breakpoint
ALTER TABLE "cases" DROP COLUMN "requester_country";--> statement-breakpoint
ALTER TABLE "cases" DROP COLUMN "responder_authority_id";--> statement-breakpoint
ALTER TABLE "cases" DROP COLUMN "responder_country";--> statement-breakpoint
ALTER TABLE "cases" DROP COLUMN "submitted_by";--> statement-breakpoint
ALTER TABLE "cases" DROP COLUMN "submitted_at";--> statement-breakpoint
ALTER TABLE "cases" DROP COLUMN "accept_by";--> statement-breakpoint
ALTER TABLE "cases" DROP COLUMN "accepted_at";--> statement-breakpoint
ALTER TABLE "cases" DROP COLUMN "not_accepted_in_time";--> statement-breakpoint
ALTER TABLE "cases" DROP COLUMN "escalated_to_country";--> statement-breakpoint
ALTER TABLE "cases" DROP COLUMN "escalated_at";--> statement-breakpoint
ALTER TABLE "cases" DROP COLUMN "overdue";--> statement-breakpoint
ALTER TABLE "cases" DROP COLUMN "overdue_since";--> statement-breakpoint
ALTER TABLE "cases" DROP COLUMN "replied_at";--> statement-breakpoint
ALTER TABLE "cases" DROP COLUMN "closed_at";--> statement-breakpoint
ALTER TABLE "cases" DROP COLUMN "withdrawn_at";--> statement-breakpoint
ALTER TABLE "cases" DROP COLUMN "reopen_until";--> statement-breakpoint
-- Published versions are immutable: cases running on them, and replays of those cases, rely on it.
CREATE FUNCTION "procedures_immutable"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	RAISE EXCEPTION 'published procedure versions are immutable (% version %)', OLD."id", OLD."version";
END $$;--> statement-breakpoint
CREATE TRIGGER "procedures_immutable" BEFORE UPDATE OR DELETE ON "procedures" FOR EACH ROW EXECUTE FUNCTION "procedures_immutable"();
