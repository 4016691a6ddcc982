CREATE TABLE "exchange_facts" (
	"case_id" uuid PRIMARY KEY NOT NULL,
	"procedure_id" text NOT NULL,
	"area" text NOT NULL,
	"kind" text NOT NULL,
	"year" smallint NOT NULL,
	"sent_at" timestamp with time zone NOT NULL,
	"requesting_country" text NOT NULL,
	"responding_country" text,
	"responding_authority_id" text,
	"counts_acceptance" boolean NOT NULL,
	"counts_reply" boolean NOT NULL,
	"counts_survey" boolean NOT NULL,
	"accepted_at" timestamp with time zone,
	"withdrawn_at" timestamp with time zone,
	"replied_at" timestamp with time zone,
	"agreed_reply_by" date,
	"rating_timeliness" smallint,
	"rating_efforts" smallint
);
--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "lapsed" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
CREATE INDEX "cases_lapsed_idx" ON "cases" USING btree ("started_at") WHERE not "cases"."final" and "cases"."lapsed" <> '{}'::jsonb;--> statement-breakpoint
ALTER TABLE "officials" ADD COLUMN "coordinator_areas" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "exchange_facts" ADD CONSTRAINT "exchange_facts_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "exchange_facts_year_idx" ON "exchange_facts" USING btree ("year","area");--> statement-breakpoint
CREATE INDEX "exchange_facts_scored_idx" ON "exchange_facts" USING btree ("year","responding_country") WHERE "exchange_facts"."counts_acceptance" or "exchange_facts"."counts_reply" or "exchange_facts"."counts_survey";--> statement-breakpoint
-- Derives each case's exchange facts from its recorded events and its procedure's definition (its
-- "scoreboard" block names the actions that count as acceptance, reply, withdrawal and survey).
-- The recording activity calls it in the transaction that inserts the events; the history
-- generator calls it once per batch. Idempotent: running it twice changes nothing.
CREATE FUNCTION liaison_refresh_exchange_facts(ids uuid[]) RETURNS void LANGUAGE sql AS $$
  INSERT INTO exchange_facts AS f (
    case_id, procedure_id, area, kind, year, sent_at, requesting_country, responding_country, responding_authority_id,
    counts_acceptance, counts_reply, counts_survey, accepted_at, withdrawn_at, replied_at, agreed_reply_by,
    rating_timeliness, rating_efforts)
  SELECT c.id, c.procedure_id, p.area, c.kind, extract(year FROM c.started_at AT TIME ZONE 'UTC')::smallint, c.started_at,
    c.initiator_country, c.parties -> r.role -> 0 ->> 'country', c.parties -> r.role -> 0 ->> 'authorityId',
    p.sb ->> 'accepted' IS NOT NULL, p.sb ->> 'replied' IS NOT NULL, p.sb ->> 'survey' IS NOT NULL,
    e.accepted_at, e.withdrawn_at, e.replied_at,
    (SELECT coalesce(d.payload ->> 'replyBy', d.payload ->> 'date')::date FROM case_events d
      WHERE d.case_id = c.id AND d.seq < coalesce(e.reply_seq, 2147483647)
        AND (d.payload ? 'replyBy' OR (d.payload ->> 'agree') = 'true')
      ORDER BY d.seq DESC LIMIT 1),
    (e.ratings ->> 'timeliness')::smallint, (e.ratings ->> 'efforts')::smallint
  FROM cases c
  CROSS JOIN LATERAL (
    SELECT pr.area, (pr.definition -> 'scoreboard')::jsonb AS sb, pr.definition -> 'roles' AS roles FROM procedures pr
    WHERE pr.id = c.procedure_id ORDER BY (pr.version = c.procedure_version) DESC, pr.version DESC LIMIT 1) p
  LEFT JOIN LATERAL (SELECT x.key AS role FROM json_each(p.roles) x WHERE x.value ->> 'party' = 'counterpart' LIMIT 1) r ON true
  CROSS JOIN LATERAL (
    SELECT min(ev.at) FILTER (WHERE ev.action = p.sb ->> 'accepted') AS accepted_at,
      min(ev.at) FILTER (WHERE ev.action = p.sb ->> 'withdrawn') AS withdrawn_at,
      min(ev.at) FILTER (WHERE ev.action = p.sb ->> 'replied') AS replied_at,
      min(ev.seq) FILTER (WHERE ev.action = p.sb ->> 'replied') AS reply_seq,
      (array_agg(ev.payload -> 'ratings' ORDER BY ev.seq DESC) FILTER (WHERE ev.action = p.sb ->> 'survey'))[1] AS ratings
    FROM case_events ev WHERE ev.case_id = c.id) e
  WHERE c.id = ANY(ids)
  ON CONFLICT (case_id) DO UPDATE SET
    area = excluded.area, responding_country = excluded.responding_country, responding_authority_id = excluded.responding_authority_id,
    counts_acceptance = excluded.counts_acceptance, counts_reply = excluded.counts_reply, counts_survey = excluded.counts_survey,
    accepted_at = excluded.accepted_at, withdrawn_at = excluded.withdrawn_at, replied_at = excluded.replied_at,
    agreed_reply_by = excluded.agreed_reply_by, rating_timeliness = excluded.rating_timeliness, rating_efforts = excluded.rating_efforts;
$$;
--> statement-breakpoint
-- Cases recorded before this migration get their facts now.
SELECT liaison_refresh_exchange_facts(array_agg(id)) FROM cases;
--> statement-breakpoint
-- Lapsed deadlines of cases recorded before this migration, from the flags their expiry raised
-- (the workflows record them exactly from their next step on).
UPDATE cases SET lapsed = jsonb_strip_nulls(jsonb_build_object(
  'acceptance', CASE WHEN 'not-accepted-in-time' = ANY(flags) AND status = 'submitted'
    THEN jsonb_build_object('kind', 'acceptance', 'due', to_char((started_at + interval '7 days') AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) END,
  'reply', CASE WHEN 'overdue' = ANY(flags) AND status IN ('submitted', 'accepted', 'information-requested') AND agreed_reply_by IS NOT NULL
    THEN jsonb_build_object('kind', 'reply-date', 'due', to_char(agreed_reply_by + 1, 'YYYY-MM-DD"T"00:00:00.000"Z"')) END))
WHERE NOT final;
