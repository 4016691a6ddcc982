CREATE TABLE "case_events" (
	"case_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"action" text NOT NULL,
	"actor_login" text,
	"actor_authority_id" text,
	"at" timestamp with time zone NOT NULL,
	"payload" jsonb NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "case_events_pk" PRIMARY KEY("case_id","seq")
);
--> statement-breakpoint
CREATE TABLE "cases" (
	"id" uuid PRIMARY KEY NOT NULL,
	"workflow_id" text NOT NULL,
	"workflow_type" text NOT NULL,
	"procedure_id" text NOT NULL,
	"procedure_version" integer NOT NULL,
	"status" text NOT NULL,
	"requester_authority_id" text NOT NULL,
	"requester_country" text NOT NULL,
	"responder_authority_id" text NOT NULL,
	"responder_country" text NOT NULL,
	"submitted_by" text NOT NULL,
	"answers" jsonb NOT NULL,
	"message" text,
	"request_hash" text NOT NULL,
	"requested_reply_by" date NOT NULL,
	"agreed_reply_by" date NOT NULL,
	"pending_reply_date" jsonb,
	"submitted_at" timestamp with time zone NOT NULL,
	"accept_by" timestamp with time zone NOT NULL,
	"accepted_at" timestamp with time zone,
	"not_accepted_in_time" boolean DEFAULT false NOT NULL,
	"escalated_to_country" text,
	"escalated_at" timestamp with time zone,
	"overdue" boolean DEFAULT false NOT NULL,
	"overdue_since" timestamp with time zone,
	"replied_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"withdrawn_at" timestamp with time zone,
	"reopen_until" timestamp with time zone,
	"rating_timeliness" smallint,
	"rating_efforts" smallint,
	"seq" integer NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cases_workflow_id_unique" UNIQUE("workflow_id"),
	CONSTRAINT "cases_ratings_range" CHECK ("cases"."rating_timeliness" between 1 and 5 and "cases"."rating_efforts" between 1 and 5)
);
--> statement-breakpoint
CREATE TABLE "authorities" (
	"id" text PRIMARY KEY NOT NULL,
	"country" text NOT NULL,
	"name" text NOT NULL,
	"name_en" text,
	"level" text DEFAULT 'national' NOT NULL,
	"city" text,
	"areas" text[] DEFAULT '{}'::text[] NOT NULL,
	CONSTRAINT "authorities_country_iso2" CHECK ("authorities"."country" ~ '^[A-Z]{2}$'),
	CONSTRAINT "authorities_level_known" CHECK ("authorities"."level" in ('national', 'regional', 'local'))
);
--> statement-breakpoint
CREATE TABLE "officials" (
	"login" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"authority_id" text NOT NULL,
	"roles" text[] NOT NULL,
	"language" text DEFAULT 'en' NOT NULL
);
--> statement-breakpoint
ALTER TABLE "case_events" ADD CONSTRAINT "case_events_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_requester_authority_id_authorities_id_fk" FOREIGN KEY ("requester_authority_id") REFERENCES "public"."authorities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_responder_authority_id_authorities_id_fk" FOREIGN KEY ("responder_authority_id") REFERENCES "public"."authorities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "officials" ADD CONSTRAINT "officials_authority_id_authorities_id_fk" FOREIGN KEY ("authority_id") REFERENCES "public"."authorities"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "cases_requester_idx" ON "cases" USING btree ("requester_authority_id","status");--> statement-breakpoint
CREATE INDEX "cases_responder_idx" ON "cases" USING btree ("responder_authority_id","status");--> statement-breakpoint
CREATE INDEX "cases_escalated_idx" ON "cases" USING btree ("escalated_to_country") WHERE "cases"."escalated_to_country" is not null;--> statement-breakpoint
CREATE INDEX "authorities_country_idx" ON "authorities" USING btree ("country");--> statement-breakpoint
CREATE INDEX "officials_authority_idx" ON "officials" USING btree ("authority_id");