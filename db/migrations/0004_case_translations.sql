CREATE TABLE "case_translations" (
	"case_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"field" text NOT NULL,
	"source_language" text NOT NULL,
	"target_language" text NOT NULL,
	"status" text NOT NULL,
	"text" text,
	"engine" text,
	"route" text[],
	"note" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "case_translations_pk" PRIMARY KEY("case_id","seq","field","target_language"),
	CONSTRAINT "case_translations_status_known" CHECK ("case_translations"."status" in ('pending', 'retrying', 'done', 'unsupported'))
);
--> statement-breakpoint
ALTER TABLE "case_translations" ADD CONSTRAINT "case_translations_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;