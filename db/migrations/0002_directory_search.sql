-- The directory's multilingual search: accents ignored (unaccent), words stemmed per language
-- (Snowball, where PostgreSQL has a stemmer for the language), typos tolerated (pg_trgm).
CREATE EXTENSION IF NOT EXISTS unaccent;--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE TEXT SEARCH CONFIGURATION liaison_simple (COPY = simple);--> statement-breakpoint
ALTER TEXT SEARCH CONFIGURATION liaison_simple ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple;--> statement-breakpoint
CREATE TEXT SEARCH CONFIGURATION liaison_da (COPY = danish);--> statement-breakpoint
ALTER TEXT SEARCH CONFIGURATION liaison_da ALTER MAPPING FOR hword, hword_part, word WITH unaccent, danish_stem;--> statement-breakpoint
CREATE TEXT SEARCH CONFIGURATION liaison_de (COPY = german);--> statement-breakpoint
ALTER TEXT SEARCH CONFIGURATION liaison_de ALTER MAPPING FOR hword, hword_part, word WITH unaccent, german_stem;--> statement-breakpoint
CREATE TEXT SEARCH CONFIGURATION liaison_el (COPY = greek);--> statement-breakpoint
ALTER TEXT SEARCH CONFIGURATION liaison_el ALTER MAPPING FOR hword, hword_part, word WITH unaccent, greek_stem;--> statement-breakpoint
CREATE TEXT SEARCH CONFIGURATION liaison_en (COPY = english);--> statement-breakpoint
ALTER TEXT SEARCH CONFIGURATION liaison_en ALTER MAPPING FOR hword, hword_part, word WITH unaccent, english_stem;--> statement-breakpoint
CREATE TEXT SEARCH CONFIGURATION liaison_es (COPY = spanish);--> statement-breakpoint
ALTER TEXT SEARCH CONFIGURATION liaison_es ALTER MAPPING FOR hword, hword_part, word WITH unaccent, spanish_stem;--> statement-breakpoint
CREATE TEXT SEARCH CONFIGURATION liaison_fi (COPY = finnish);--> statement-breakpoint
ALTER TEXT SEARCH CONFIGURATION liaison_fi ALTER MAPPING FOR hword, hword_part, word WITH unaccent, finnish_stem;--> statement-breakpoint
CREATE TEXT SEARCH CONFIGURATION liaison_fr (COPY = french);--> statement-breakpoint
ALTER TEXT SEARCH CONFIGURATION liaison_fr ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem;--> statement-breakpoint
CREATE TEXT SEARCH CONFIGURATION liaison_ga (COPY = irish);--> statement-breakpoint
ALTER TEXT SEARCH CONFIGURATION liaison_ga ALTER MAPPING FOR hword, hword_part, word WITH unaccent, irish_stem;--> statement-breakpoint
CREATE TEXT SEARCH CONFIGURATION liaison_hr (COPY = serbian);--> statement-breakpoint
ALTER TEXT SEARCH CONFIGURATION liaison_hr ALTER MAPPING FOR hword, hword_part, word WITH unaccent, serbian_stem;--> statement-breakpoint
CREATE TEXT SEARCH CONFIGURATION liaison_hu (COPY = hungarian);--> statement-breakpoint
ALTER TEXT SEARCH CONFIGURATION liaison_hu ALTER MAPPING FOR hword, hword_part, word WITH unaccent, hungarian_stem;--> statement-breakpoint
CREATE TEXT SEARCH CONFIGURATION liaison_it (COPY = italian);--> statement-breakpoint
ALTER TEXT SEARCH CONFIGURATION liaison_it ALTER MAPPING FOR hword, hword_part, word WITH unaccent, italian_stem;--> statement-breakpoint
CREATE TEXT SEARCH CONFIGURATION liaison_lt (COPY = lithuanian);--> statement-breakpoint
ALTER TEXT SEARCH CONFIGURATION liaison_lt ALTER MAPPING FOR hword, hword_part, word WITH unaccent, lithuanian_stem;--> statement-breakpoint
CREATE TEXT SEARCH CONFIGURATION liaison_nl (COPY = dutch);--> statement-breakpoint
ALTER TEXT SEARCH CONFIGURATION liaison_nl ALTER MAPPING FOR hword, hword_part, word WITH unaccent, dutch_stem;--> statement-breakpoint
CREATE TEXT SEARCH CONFIGURATION liaison_no (COPY = norwegian);--> statement-breakpoint
ALTER TEXT SEARCH CONFIGURATION liaison_no ALTER MAPPING FOR hword, hword_part, word WITH unaccent, norwegian_stem;--> statement-breakpoint
CREATE TEXT SEARCH CONFIGURATION liaison_pt (COPY = portuguese);--> statement-breakpoint
ALTER TEXT SEARCH CONFIGURATION liaison_pt ALTER MAPPING FOR hword, hword_part, word WITH unaccent, portuguese_stem;--> statement-breakpoint
CREATE TEXT SEARCH CONFIGURATION liaison_ro (COPY = romanian);--> statement-breakpoint
ALTER TEXT SEARCH CONFIGURATION liaison_ro ALTER MAPPING FOR hword, hword_part, word WITH unaccent, romanian_stem;--> statement-breakpoint
CREATE TEXT SEARCH CONFIGURATION liaison_sv (COPY = swedish);--> statement-breakpoint
ALTER TEXT SEARCH CONFIGURATION liaison_sv ALTER MAPPING FOR hword, hword_part, word WITH unaccent, swedish_stem;--> statement-breakpoint
CREATE TABLE "authority_audit" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"authority_id" text NOT NULL,
	"action" text NOT NULL,
	"changed_by" text NOT NULL,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"before" jsonb,
	"after" jsonb
);
--> statement-breakpoint
CREATE TABLE "competences" (
	"id" text PRIMARY KEY NOT NULL,
	"area" text NOT NULL,
	"terms" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "search_terms" (
	"term" text PRIMARY KEY NOT NULL
);
--> statement-breakpoint
ALTER TABLE "authorities" ADD COLUMN "names" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "authorities" ADD COLUMN "languages" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "authorities" ADD COLUMN "street" text;--> statement-breakpoint
ALTER TABLE "authorities" ADD COLUMN "postcode" text;--> statement-breakpoint
ALTER TABLE "authorities" ADD COLUMN "region" text;--> statement-breakpoint
ALTER TABLE "authorities" ADD COLUMN "procedures" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "authorities" ADD COLUMN "competences" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "authorities" ADD COLUMN "keywords" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "authorities" ADD COLUMN "search_document" "tsvector";--> statement-breakpoint
ALTER TABLE "authorities" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
CREATE INDEX "authority_audit_authority_idx" ON "authority_audit" USING btree ("authority_id","changed_at");--> statement-breakpoint
CREATE INDEX "search_terms_trgm_idx" ON "search_terms" USING gist ("term" gist_trgm_ops);--> statement-breakpoint
CREATE INDEX "authorities_search_idx" ON "authorities" USING gin ("search_document");--> statement-breakpoint
CREATE INDEX "authorities_areas_idx" ON "authorities" USING gin ("areas");
--> statement-breakpoint
-- The stemming configuration of a language (ISO 639-1); languages without a Snowball stemmer
-- (bg, cs, et, is, lv, mt, pl, sk, sl) are matched word for word, with typo tolerance.
CREATE FUNCTION liaison_ts_config(lang text) RETURNS regconfig LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
	SELECT (CASE lang
		WHEN 'da' THEN 'liaison_da'
		WHEN 'de' THEN 'liaison_de'
		WHEN 'el' THEN 'liaison_el'
		WHEN 'en' THEN 'liaison_en'
		WHEN 'es' THEN 'liaison_es'
		WHEN 'fi' THEN 'liaison_fi'
		WHEN 'fr' THEN 'liaison_fr'
		WHEN 'ga' THEN 'liaison_ga'
		WHEN 'hr' THEN 'liaison_hr'
		WHEN 'hu' THEN 'liaison_hu'
		WHEN 'it' THEN 'liaison_it'
		WHEN 'lt' THEN 'liaison_lt'
		WHEN 'nl' THEN 'liaison_nl'
		WHEN 'no' THEN 'liaison_no'
		WHEN 'pt' THEN 'liaison_pt'
		WHEN 'ro' THEN 'liaison_ro'
		WHEN 'sv' THEN 'liaison_sv'
		ELSE 'liaison_simple' END)::regconfig
$$;--> statement-breakpoint
CREATE FUNCTION liaison_ts_languages() RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
	SELECT ARRAY['da', 'de', 'el', 'en', 'es', 'fi', 'fr', 'ga', 'hr', 'hu', 'it', 'lt', 'nl', 'no', 'pt', 'ro', 'sv']
$$;--> statement-breakpoint
-- An authority's search document: its names (A), the terms of its competences in every language (B),
-- its free keywords and city (C), each in the stemming of its language and word for word.
CREATE FUNCTION authorities_search() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
	doc tsvector;
	lang text;
	r record;
BEGIN
	doc := setweight(to_tsvector('liaison_simple', concat_ws(' ', NEW.name, NEW.name_en)), 'A')
		|| setweight(to_tsvector('liaison_en', coalesce(NEW.name_en, '')), 'A');
	FOR r IN SELECT key, value FROM jsonb_each_text(NEW.names) LOOP
		doc := doc || setweight(to_tsvector(liaison_ts_config(r.key), r.value) || to_tsvector('liaison_simple', r.value), 'A');
	END LOOP;
	FOR r IN
		SELECT t.key AS lang, string_agg(x, ' ') AS terms
		FROM competences c, jsonb_each(c.terms) t, jsonb_array_elements_text(t.value) x
		WHERE c.id = ANY (NEW.competences)
		GROUP BY t.key
	LOOP
		doc := doc || setweight(to_tsvector(liaison_ts_config(r.lang), r.terms) || to_tsvector('liaison_simple', r.terms), 'B');
	END LOOP;
	doc := doc || setweight(to_tsvector('liaison_simple', concat_ws(' ', NEW.city, array_to_string(NEW.keywords, ' '))), 'C');
	FOREACH lang IN ARRAY NEW.languages LOOP
		doc := doc || setweight(to_tsvector(liaison_ts_config(lang), array_to_string(NEW.keywords, ' ')), 'C');
	END LOOP;
	NEW.search_document := doc;
	RETURN NEW;
END $$;--> statement-breakpoint
CREATE TRIGGER authorities_search BEFORE INSERT OR UPDATE ON authorities FOR EACH ROW EXECUTE FUNCTION authorities_search();--> statement-breakpoint
-- The words typo correction may correct to: once per statement, so a bulk load stays a bulk load.
CREATE FUNCTION authorities_search_terms() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO search_terms (term)
		SELECT DISTINCT t.lexeme FROM changed, unnest(changed.search_document) t WHERE length(t.lexeme) >= 3
		ON CONFLICT DO NOTHING;
	RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER authorities_search_terms_insert AFTER INSERT ON authorities REFERENCING NEW TABLE AS changed
	FOR EACH STATEMENT EXECUTE FUNCTION authorities_search_terms();--> statement-breakpoint
CREATE TRIGGER authorities_search_terms_update AFTER UPDATE ON authorities REFERENCING NEW TABLE AS changed
	FOR EACH STATEMENT EXECUTE FUNCTION authorities_search_terms();--> statement-breakpoint
-- A word as the directory knows it: itself, or the most similar known word (a typo corrected).
-- The nearest word comes from the trigram GiST index's distance order (one index probe), and
-- counts only if it is similar enough.
CREATE FUNCTION liaison_correct(word text) RETURNS text LANGUAGE sql STABLE AS $$
	SELECT coalesce(
		(SELECT term FROM search_terms WHERE term = word),
		(SELECT n.term FROM (SELECT term FROM search_terms WHERE length(word) >= 4 ORDER BY term <-> word LIMIT 1) n
			WHERE similarity(n.term, word) >= 0.3),
		word)
$$;--> statement-breakpoint
-- A query typed in any language: every word, typo-corrected, as a prefix word for word, or stemmed
-- in any of the languages with a stemmer. Words are ANDed within one reading, readings ORed.
CREATE FUNCTION liaison_query(q text) RETURNS tsquery LANGUAGE plpgsql STABLE AS $$
DECLARE
	words text[];
	corrected text;
	result tsquery;
	lang text;
BEGIN
	SELECT array_agg(liaison_correct(w)) INTO words
	FROM regexp_split_to_table(lower(unaccent(q)), '[^[:alnum:]]+') w WHERE w <> '';
	IF words IS NULL THEN RETURN NULL; END IF;
	corrected := array_to_string(words, ' ');
	result := to_tsquery('liaison_simple', array_to_string(ARRAY(SELECT quote_literal(w) || ':*' FROM unnest(words) w), ' & '));
	FOREACH lang IN ARRAY liaison_ts_languages() LOOP
		result := result || plainto_tsquery(liaison_ts_config(lang), corrected);
	END LOOP;
	RETURN result;
END $$;
