-- Fixture for type-zoo.int.test.ts: every built-in type family, awkward identifiers and every kind of schema object.
CREATE EXTENSION IF NOT EXISTS btree_gist;
CREATE EXTENSION IF NOT EXISTS citext;
CREATE SCHEMA "Zoo Schema";
CREATE SCHEMA app;
COMMENT ON SCHEMA app IS 'application schema';

CREATE TYPE app.mood AS ENUM ('sad', 'ok', 'happy', 'it''s "great"');
CREATE DOMAIN app.posint AS integer DEFAULT 1 NOT NULL CONSTRAINT posint_check CHECK (VALUE > 0);
CREATE DOMAIN app.email AS citext CONSTRAINT email_at CHECK (VALUE ~ '@');
CREATE DOMAIN app.pct AS numeric(5,2) CONSTRAINT pct_range CHECK (VALUE BETWEEN 0 AND 100);
CREATE TYPE app.address AS (street text, city text COLLATE "C", zip app.posint, mood app.mood);
CREATE TYPE app.floatrange AS RANGE (SUBTYPE = float8, SUBTYPE_DIFF = float8mi);
CREATE COLLATION app.nocase (provider = icu, locale = 'und-u-ks-level2', deterministic = false);

CREATE FUNCTION app.add_one(i integer) RETURNS integer LANGUAGE sql IMMUTABLE AS 'SELECT i + 1';
CREATE FUNCTION app.touch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.updated_at := '2020-01-01 00:00:00+00';
  RETURN NEW;
END $$;
CREATE PROCEDURE app.noop(IN x integer) LANGUAGE plpgsql AS $$ BEGIN PERFORM x; END $$;
COMMENT ON FUNCTION app.add_one(integer) IS 'adds one';

CREATE TABLE app.zoo (
  id bigint GENERATED ALWAYS AS IDENTITY (START WITH 100 INCREMENT BY 5) PRIMARY KEY,
  small smallint, int4 integer, big bigint, num numeric, num_p numeric(12,3), real4 real, dbl double precision,
  cash money,
  txt text, vc varchar(20), ch char(5), nm name, ci citext COLLATE "C", nocase text COLLATE app.nocase,
  raw bytea,
  arr_int integer[], arr_txt text[], arr_2d integer[][],
  js json, jsb jsonb,
  uid uuid,
  ip inet, net cidr, mac macaddr, mac8 macaddr8,
  b bit(4), vb varbit(16),
  d date, t time, ttz timetz, ts timestamp(3), tstz timestamptz, iv interval, iv_d interval day to second(2),
  r_int int4range, r_num numrange, r_ts tsrange, r_tstz tstzrange, r_date daterange, r_big int8range, r_float app.floatrange,
  mr_int int4multirange, mr_date datemultirange,
  pt point, ln line, ls lseg, bx box, pth path, poly polygon, circ circle,
  x xml,
  tv tsvector, tq tsquery,
  mood app.mood, moods app.mood[], mail app.email, pct app.pct, addr app.address, addrs app.address[],
  flag boolean, o oid, rc regclass,
  "txt len" integer GENERATED ALWAYS AS (length(txt)) STORED,
  updated_at timestamptz DEFAULT now(),
  CONSTRAINT small_ok CHECK (small IS NULL OR small <> 12345)
);
COMMENT ON TABLE app.zoo IS 'every type';
COMMENT ON COLUMN app.zoo.txt IS 'tabs,
newlines and "quotes"';

INSERT INTO app.zoo (small, int4, big, num, num_p, real4, dbl, cash, txt, vc, ch, nm, ci, nocase, raw, arr_int, arr_txt, arr_2d,
  js, jsb, uid, ip, net, mac, mac8, b, vb, d, t, ttz, ts, tstz, iv, iv_d, r_int, r_num, r_ts, r_tstz, r_date, r_big, r_float,
  mr_int, mr_date, pt, ln, ls, bx, pth, poly, circ, x, tv, tq, mood, moods, mail, pct, addr, addrs, flag, o, rc)
VALUES
 (-32768, -2147483648, -9223372036854775808, 'NaN', -123456789.123, 'NaN', 'Infinity', -92233720368547758.08,
  E'tab\there\nnewline\\backslash \\N \r cr', 'vc', 'ab', 'name', 'CiText', 'NoCase', '\x00010a0d09ff5c', '{1,NULL,3}',
  '{"a b","c\"d","e\\f",NULL,"NULL",""}', '{{1,2},{3,NULL}}', '{"k": [1, 2, {"z": null}], "s": "\u00e9\t"}',
  '{"b": 2, "a": [true, false, null], "u": "\u2603"}', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '192.168.0.1/24', '10.0.0.0/8',
  '08:00:2b:01:02:03', '08:00:2b:01:02:03:04:05', B'1010', B'110', 'infinity', '24:00:00', '23:59:59.999999+14:59',
  '-infinity', 'infinity', '-178000000 years', '1 day 02:03:04.55', '[1,10)', '(,5.5]', '[2020-01-01,infinity)',
  'empty', '[2020-01-01,2020-02-01)', '[1,2)', '[1.5,2.5)', '{[1,3),[5,8)}', '{[2020-01-01,2020-01-05)}',
  '(1.5,-2)', '{1,-1,0}', '[(0,0),(1,1)]', '((0,0),(2,2))', '[(0,0),(1,1),(2,0)]', '((0,0),(1,1),(1,0))', '<(1,1),5>',
  '<doc a="1">x &amp; y<![CDATA[ z ]]></doc>', 'the quick:1A brown fox', 'quick & !(fox | dog)', 'it''s "great"',
  '{sad,happy}', 'a@b.c', 99.5, ROW('1 Main St', 'Zürich', 8000, 'ok'), ARRAY[ROW('a,"b"', NULL, 2, 'sad')::app.address],
  true, 1259, 'pg_class'),
 (32767, 2147483647, 9223372036854775807, '-Infinity', 0, '-Infinity', '-0', 0, '', '', '', '', '', '', '',
  '{}', '{}', '{}', '[]', '{}', '00000000-0000-0000-0000-000000000000', '::1', '::/0', 'ff:ff:ff:ff:ff:ff', '00:00:00:00:00:00:00:00',
  B'0000', B'', '-infinity', '00:00', '00:00+00', 'infinity', '-infinity', '0', '0', 'empty', 'empty', 'empty', '(,)', 'empty', 'empty',
  'empty', '{}', '{}', '(0,0)', '{0,1,0}', '[(0,0),(0,0)]', '((0,0),(0,0))', '((0,0))', '((0,0))', '<(0,0),0>', '', '', '', 'sad', '{}',
  'x@y', 0, ROW(NULL, NULL, 1, NULL), '{}', false, 0, 'pg_type'),
 (1, 2, 3, 1e-30, 1.5, 3.4028235e38, 1.7976931348623157e308, 1.23, 'żółw 🐢 日本語 עברית', 'x', 'x', 'x', 'x', 'x',
  decode(repeat('00ff', 10), 'hex'), '{1}', '{"\t"}', '{{1},{2}}', 'null', '"string"', gen_random_uuid(), '2001:db8::1/128', '2001:db8::/32',
  '01-02-03-04-05-06', '0102.0304.0506.0708', B'1111', B'1010101010101010', '2024-02-29', '12:34:56.789', '12:34:56-08', '2024-02-29 12:34:56.789',
  '2024-02-29 12:34:56.789+05:30', '1 year 2 mons -3 days 04:05:06.789', '-1 day', '[-5,5]', '[0.001,0.002)', '[2024-01-01 00:00,2024-01-02 00:00)',
  '[2024-01-01 00:00+00,)', '(,2024-01-01)', '[-9223372036854775808,9223372036854775807)', '(,)', '{(,)}', '{[2024-01-01,2024-01-03),[2024-02-01,2024-02-03)}',
  '(-1e-300,1e300)', '{0,1,-1}', '[(1,2),(3,4)]', '((-1,-1),(1,1))', '[(0,0),(10,0)]', '((0,0),(4,0),(2,3))', '<(0,0),1e-5>',
  '<?xml version="1.0"?><a>ü</a>', $$'a':1 'b\\c':2,3 'd e'$$, $$'a' <-> 'b'$$, NULL, '{NULL,ok}', NULL, NULL, NULL, NULL, true, NULL, NULL),
 (NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
  NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
  NULL, NULL, NULL, NULL, NULL, NULL, NULL, 'ok', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL);

-- One 20 MB bytea value.
CREATE TABLE app.blobs (id integer PRIMARY KEY, data bytea NOT NULL);
INSERT INTO app.blobs SELECT 1, (SELECT string_agg(decode(md5(i::text), 'hex'), ''::bytea) FROM generate_series(1, 1310720) i);
INSERT INTO app.blobs VALUES (2, '\x');

-- Awkward identifiers: mixed case, spaces, quotes, unicode, reserved words.
CREATE TABLE "Zoo Schema"."Order ""Items"" ü" (
  "select" integer NOT NULL,
  "From" text,
  "ünïcødé col" text DEFAULT 'é',
  "user" text COLLATE "C",
  "a""b" numeric(10,2) DEFAULT 0,
  CONSTRAINT "Order PK" PRIMARY KEY ("select")
);
INSERT INTO "Zoo Schema"."Order ""Items"" ü" VALUES (1, 'x', DEFAULT, 'u', 1.5), (2, NULL, NULL, NULL, NULL);
CREATE INDEX "idx ""q"" ü" ON "Zoo Schema"."Order ""Items"" ü" (lower("From")) WHERE "select" > 0;

-- A table with no columns (three rows), and one with nothing in it.
CREATE TABLE app.no_columns ();
INSERT INTO app.no_columns DEFAULT VALUES; INSERT INTO app.no_columns DEFAULT VALUES; INSERT INTO app.no_columns DEFAULT VALUES;
CREATE UNLOGGED TABLE app.empty (id integer PRIMARY KEY, v text) WITH (fillfactor = 70);
ALTER TABLE app.empty ALTER COLUMN v SET STORAGE EXTERNAL, ALTER COLUMN v SET STATISTICS 500;

-- Tables without a key: rows ordered by every column, json/point/xml by their text.
CREATE TABLE app.nokey (j json, p point, x xml, n integer, a app.address);
INSERT INTO app.nokey VALUES ('{"b":1}', '(1,2)', '<a/>', 2, ROW('s', 'c', 1, 'ok')), ('{"a":1}', '(0,0)', '<b/>', 1, NULL),
  ('{"a":1}', '(0,0)', '<b/>', 1, NULL), (NULL, NULL, NULL, NULL, NULL);

-- Serial, FK chain, unique, exclusion, partial and expression indexes, deferrable FK, NOT VALID check.
CREATE TABLE app.customers (id serial PRIMARY KEY, email app.email UNIQUE, name text NOT NULL, mood app.mood DEFAULT 'ok');
CREATE TABLE app.orders (
  id bigserial PRIMARY KEY,
  customer_id integer NOT NULL REFERENCES app.customers ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
  total numeric(12,2) DEFAULT app.add_one(0),
  placed timestamptz NOT NULL DEFAULT '2024-01-01'
);
CREATE TABLE app.bookings (id integer PRIMARY KEY, room integer, during tsrange,
  EXCLUDE USING gist (room WITH =, during WITH &&));
CREATE INDEX orders_big ON app.orders (total DESC NULLS LAST) WHERE total > 100;
CREATE INDEX orders_expr ON app.orders ((date_trunc('day', placed AT TIME ZONE 'UTC')), customer_id);
CREATE UNIQUE INDEX customers_lower_name ON app.customers (lower(name) COLLATE "C");
INSERT INTO app.customers (email, name, mood) SELECT 'c' || i || '@x', 'Name ' || i, 'happy' FROM generate_series(1, 50) i;
INSERT INTO app.orders (customer_id, total) SELECT 1 + i % 50, i * 3.5 FROM generate_series(1, 200) i;
INSERT INTO app.bookings VALUES (1, 101, '[2024-01-01,2024-01-02)'), (2, 101, '[2024-01-02,2024-01-03)');
ALTER TABLE app.orders ADD CONSTRAINT total_positive CHECK (total >= 0) NOT VALID;
SELECT setval('app.customers_id_seq', 500);
CREATE SEQUENCE app.standalone AS integer START 7 INCREMENT -1 MINVALUE -100 MAXVALUE 7 CYCLE;
SELECT nextval('app.standalone');
CREATE SEQUENCE app.untouched;

-- Partitions: range with a sub-partitioned partition and a default, list; keys and indexes on the parent.
CREATE TABLE app.events (id bigint NOT NULL, at date NOT NULL, kind text, payload jsonb, PRIMARY KEY (id, at)) PARTITION BY RANGE (at);
CREATE TABLE app.events_2024 PARTITION OF app.events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01') PARTITION BY RANGE (id);
CREATE TABLE app.events_2024_a PARTITION OF app.events_2024 FOR VALUES FROM (MINVALUE) TO (100);
CREATE TABLE app.events_2024_rest PARTITION OF app.events_2024 DEFAULT;
CREATE TABLE app.events_2025 PARTITION OF app.events FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
CREATE TABLE app.events_old PARTITION OF app.events DEFAULT;
CREATE INDEX events_kind ON app.events (kind);
INSERT INTO app.events SELECT i, date '2023-12-25' + i * 3, (ARRAY['a','b',NULL])[1 + i % 3], jsonb_build_object('i', i) FROM generate_series(1, 200) i;

-- Inheritance.
CREATE TABLE app.animal (id integer, name text, CONSTRAINT named CHECK (name <> ''));
CREATE TABLE app.dog (breed text) INHERITS (app.animal);
INSERT INTO app.animal VALUES (1, 'generic');
INSERT INTO app.dog VALUES (2, 'rex', 'collie');

-- Triggers (one disabled), views on views, a materialized view with an index, a rule, RLS policy.
CREATE TRIGGER zoo_touch BEFORE UPDATE ON app.zoo FOR EACH ROW EXECUTE FUNCTION app.touch();
CREATE TRIGGER orders_touch BEFORE INSERT ON app.orders FOR EACH ROW WHEN (NEW.total > 1000) EXECUTE FUNCTION app.touch();
ALTER TABLE app.orders DISABLE TRIGGER orders_touch;
CREATE VIEW app.v_orders AS SELECT o.id, c.name, o.total FROM app.orders o JOIN app.customers c ON c.id = o.customer_id;
CREATE VIEW app.v_big AS SELECT * FROM app.v_orders WHERE total > 500 WITH CHECK OPTION;
CREATE VIEW app."A view" WITH (security_barrier) AS SELECT count(*) AS n FROM app.v_big;
CREATE MATERIALIZED VIEW app.mv_totals AS SELECT name, sum(total) AS total FROM app.v_orders GROUP BY name;
CREATE UNIQUE INDEX mv_totals_name ON app.mv_totals (name);
CREATE MATERIALIZED VIEW app.mv_empty AS SELECT 1 AS one WITH NO DATA;
CREATE RULE protect_events AS ON DELETE TO app.bookings WHERE OLD.id < 0 DO INSTEAD NOTHING;
ALTER TABLE app.customers ENABLE ROW LEVEL SECURITY;
CREATE POLICY own_rows ON app.customers FOR SELECT TO PUBLIC USING (mood <> 'sad');
COMMENT ON VIEW app.v_big IS 'big orders';
COMMENT ON INDEX app.orders_big IS 'partial';
COMMENT ON CONSTRAINT total_positive ON app.orders IS 'not valid yet';
COMMENT ON TRIGGER zoo_touch ON app.zoo IS 'touch';
COMMENT ON TYPE app.mood IS 'feelings';
COMMENT ON DOMAIN app.posint IS 'positive';
COMMENT ON MATERIALIZED VIEW app.mv_totals IS 'totals';
COMMENT ON SEQUENCE app.standalone IS 'counts down';
COMMENT ON COLUMN "Zoo Schema"."Order ""Items"" ü"."select" IS 'reserved word';

-- Ownership and grants (the test creates the roles and passes their names as psql variables reader and owner).
GRANT USAGE ON SCHEMA app TO :"reader";
GRANT SELECT ON app.v_orders TO :"reader";
GRANT SELECT, INSERT ON app.customers TO :"reader" WITH GRANT OPTION;
GRANT UPDATE (name) ON app.customers TO :"reader";
GRANT USAGE ON SEQUENCE app.customers_id_seq TO :"reader";
REVOKE EXECUTE ON FUNCTION app.add_one(integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app.add_one(integer) TO :"reader";
GRANT USAGE ON TYPE app.mood TO :"reader";
ALTER TABLE app.bookings OWNER TO :"owner";
ALTER TYPE app.address OWNER TO :"owner";
ALTER DOMAIN app.pct OWNER TO :"owner";
ALTER FUNCTION app.touch() OWNER TO :"owner";
ALTER VIEW app.v_big OWNER TO :"owner";
ALTER SCHEMA "Zoo Schema" OWNER TO :"owner";
ALTER DEFAULT PRIVILEGES FOR ROLE :"owner" IN SCHEMA app GRANT SELECT ON TABLES TO :"reader";
ALTER DEFAULT PRIVILEGES FOR ROLE :"owner" REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;
CREATE STATISTICS app.orders_stats (dependencies, ndistinct) ON customer_id, total FROM app.orders;
ALTER STATISTICS app.orders_stats SET STATISTICS 321;
CREATE AGGREGATE app.product(numeric) (SFUNC = numeric_mul, STYPE = numeric, INITCOND = '1', PARALLEL = SAFE);
CREATE AGGREGATE app.my_avg(float8) (SFUNC = float8_accum, STYPE = float8[], FINALFUNC = float8_avg, COMBINEFUNC = float8_combine,
  INITCOND = '{0,0,0}', MSFUNC = float8_accum, MINVFUNC = float8_accum, MSTYPE = float8[], MFINALFUNC = float8_avg, MINITCOND = '{0,0,0}');
CREATE AGGREGATE app.my_pct(float8 ORDER BY float8) (SFUNC = ordered_set_transition, STYPE = internal, FINALFUNC = percentile_disc_final, FINALFUNC_EXTRA);
COMMENT ON AGGREGATE app.product(numeric) IS 'multiplies';
ALTER AGGREGATE app.product(numeric) OWNER TO :"owner";
GRANT EXECUTE ON FUNCTION app.product(numeric) TO :"reader";
-- A domain whose check calls a user function, and a function on a view's row type.
CREATE FUNCTION app.is_even(i integer) RETURNS boolean LANGUAGE sql IMMUTABLE AS 'SELECT i % 2 = 0';
CREATE DOMAIN app.even AS integer CONSTRAINT even_check CHECK (app.is_even(VALUE));
CREATE TABLE app.evens (id app.even PRIMARY KEY);
INSERT INTO app.evens VALUES (2), (4);
CREATE FUNCTION app.big_orders() RETURNS SETOF app.v_big LANGUAGE sql STABLE AS 'SELECT * FROM app.v_big';

-- More shapes: sequences across schemas, multiple inheritance, nested list/hash partitions with a composite FK,
-- NULLS NOT DISTINCT, INCLUDE/opclass indexes, transition-table and constraint triggers, typed tables, column options.
CREATE SCHEMA more;
CREATE SCHEMA "Sales";
CREATE SEQUENCE "Sales"."Shared Seq";
CREATE TABLE more."Mixed" (id serial PRIMARY KEY, code int DEFAULT nextval('"Sales"."Shared Seq"'), t text COLLATE "C");
CREATE TABLE more.ident (id int GENERATED BY DEFAULT AS IDENTITY (SEQUENCE NAME more.ident_custom START 10) PRIMARY KEY, v text);
CREATE TABLE more.p1 (a int, b text); CREATE TABLE more.p2 (c int);
CREATE TABLE more.child (d int) INHERITS (more.p1, more.p2);
CREATE TABLE more.parts (id int, region text, PRIMARY KEY (id, region)) PARTITION BY LIST (region);
CREATE TABLE more.parts_eu PARTITION OF more.parts FOR VALUES IN ('eu');
CREATE TABLE more.parts_us PARTITION OF more.parts FOR VALUES IN ('us') PARTITION BY HASH (id);
CREATE TABLE more.parts_us_0 PARTITION OF more.parts_us FOR VALUES WITH (MODULUS 2, REMAINDER 0);
CREATE TABLE more.parts_us_1 PARTITION OF more.parts_us FOR VALUES WITH (MODULUS 2, REMAINDER 1);
CREATE TABLE more.refs (id int PRIMARY KEY, pid int, region text, FOREIGN KEY (pid, region) REFERENCES more.parts ON UPDATE CASCADE ON DELETE SET NULL);
CREATE TABLE more.nnd (a int, b int, CONSTRAINT nnd_u UNIQUE NULLS NOT DISTINCT (a, b));
CREATE INDEX incl_idx ON more."Mixed" (code DESC NULLS FIRST) INCLUDE (t) WITH (fillfactor = 80);
CREATE INDEX coll_idx ON more."Mixed" (t COLLATE "POSIX" text_pattern_ops);
CREATE FUNCTION more.tt() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NULL; END$$;
CREATE TRIGGER transition AFTER INSERT ON more.nnd REFERENCING NEW TABLE AS newrows FOR EACH STATEMENT EXECUTE FUNCTION more.tt();
CREATE CONSTRAINT TRIGGER ctrig AFTER INSERT ON more.nnd DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION more.tt();
CREATE FUNCTION more.dbl(i int) RETURNS int LANGUAGE sql IMMUTABLE AS 'SELECT i * 2';
CREATE TABLE more.gen (a int, b int GENERATED ALWAYS AS (more.dbl(a)) STORED);
CREATE DOMAIN more.intarr AS int[] CHECK (array_length(VALUE, 1) < 5);
CREATE DOMAIN more.small AS int CHECK (VALUE < 100);
CREATE TABLE more.doms (x more.intarr, y more.small[]);
CREATE VIEW more."View Cols" ("first col", "Second") AS SELECT 1, 'x'::text;
COMMENT ON COLUMN more."View Cols"."first col" IS 'view column comment';
CREATE RECURSIVE VIEW more.nums (n) AS VALUES (1) UNION ALL SELECT n + 1 FROM nums WHERE n < 5;
ALTER TABLE more."Mixed" ALTER COLUMN code SET (n_distinct = 100);
CREATE UNLOGGED SEQUENCE more.unlogged_seq;
INSERT INTO more."Mixed" (t) VALUES ('a'), ('b');
INSERT INTO more.parts VALUES (1, 'eu'), (2, 'us'), (3, 'us');
INSERT INTO more.refs VALUES (1, 2, 'us');
INSERT INTO more.gen (a) VALUES (1), (2);
INSERT INTO more.child VALUES (1, 'x', 2, 3);
CREATE TABLE more.uuids (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), t timestamptz DEFAULT now());
ALTER TABLE more.uuids ALTER COLUMN t SET DEFAULT clock_timestamp();
CREATE TYPE more.comp AS (a int);
CREATE TABLE more.typed OF more.comp (PRIMARY KEY (a));
CREATE MATERIALIZED VIEW more.mv WITH (fillfactor = 50) AS SELECT * FROM more."Mixed";

-- Something the connector does not back up, for test() to warn about.
SELECT lo_from_bytea(0, '\x00');

-- Database-level settings travel with the database.
DO $$BEGIN EXECUTE format('ALTER DATABASE %I SET search_path = app, "Zoo Schema", public', current_database()); END$$;
DO $$BEGIN EXECUTE format('ALTER DATABASE %I SET work_mem = %L', current_database(), '12MB'); END$$;
DO $$BEGIN EXECUTE format('COMMENT ON DATABASE %I IS %L', current_database(), 'the zoo''s "database" 100%'); END$$;
DO $$BEGIN EXECUTE format('REVOKE CONNECT, TEMPORARY ON DATABASE %I FROM PUBLIC', current_database()); END$$;
SELECT format('GRANT CONNECT ON DATABASE %I TO %I', current_database(), :'reader') \gexec
