-- The directory search within its latency target (bench/results/search.md): typo correction on a
-- trigram GIN index, and a query with each distinct reading once.
--
-- GiST's nearest-neighbour order walked much of the index for a word with no exact match (8 to 14 ms
-- over 27 000 words); GIN finds the words above the similarity threshold directly (under 1 ms).
DROP INDEX search_terms_trgm_idx;--> statement-breakpoint
CREATE INDEX search_terms_trgm_idx ON search_terms USING gin (term gin_trgm_ops);--> statement-breakpoint
-- As in 0002: the word itself when the directory knows it, else the most similar known word if it
-- is similar enough (0.3), else the word. `%` is what GIN can answer; the threshold it reads is
-- fixed here so that a session's setting cannot change what a search finds.
CREATE OR REPLACE FUNCTION liaison_correct(word text) RETURNS text LANGUAGE sql STABLE
SET pg_trgm.similarity_threshold = 0.3 AS $$
	SELECT coalesce(
		(SELECT term FROM search_terms WHERE term = word),
		(SELECT term FROM search_terms WHERE length(word) >= 4 AND term % word ORDER BY term <-> word, term LIMIT 1),
		word)
$$;--> statement-breakpoint
-- As in 0002 (every word, typo-corrected, as a prefix word for word or stemmed in each language with
-- a stemmer; words ANDed within a reading, readings ORed), with two changes that keep the query
-- small. Most languages stem a word alike, so of the 18 readings usually 3 to 8 differ: each is now
-- kept once. The index scan, and ts_rank_cd above all, cost with the size of the query; with all 18
-- readings the planner also judged the index too costly and read every document of the country
-- instead. And a word of one or two letters (l', d', de, et) is matched whole, not as a prefix: as a
-- prefix it stood for thousands of words ('l':* alone tripled the index scan of "Service l'État").
CREATE OR REPLACE FUNCTION liaison_query(q text) RETURNS tsquery LANGUAGE plpgsql STABLE AS $$
DECLARE
	words text[];
	corrected text;
	readings text[];
	reading text;
	lang text;
BEGIN
	SELECT array_agg(liaison_correct(w)) INTO words
	FROM regexp_split_to_table(lower(unaccent(q)), '[^[:alnum:]]+') w WHERE w <> '';
	IF words IS NULL THEN RETURN NULL; END IF;
	corrected := array_to_string(words, ' ');
	readings := ARRAY[to_tsquery('liaison_simple', array_to_string(
		ARRAY(SELECT quote_literal(w) || CASE WHEN length(w) > 2 THEN ':*' ELSE '' END FROM unnest(words) w), ' & '))::text];
	FOREACH lang IN ARRAY liaison_ts_languages() LOOP
		reading := plainto_tsquery(liaison_ts_config(lang), corrected)::text;
		IF reading <> '' AND NOT reading = ANY (readings) THEN readings := readings || reading; END IF;
	END LOOP;
	-- & binds tighter than |: each reading stays a conjunction.
	RETURN array_to_string(readings, ' | ')::tsquery;
END $$;
