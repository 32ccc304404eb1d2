// Views that are valid only because of a primary key (GROUP BY the key, selecting other columns: functional
// dependency) are created after the keys, in a new database and in a chosen-tables replace alike.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPgDatabase, dropPgDatabase, pgUrlFor, uniqueName, type TempPgDatabase } from "../../../test/support/databases";
import { postgresConnector } from "./index";
import { copyThroughConnector, schemaDump, sql } from "./test-helpers";

const SHOP = `
CREATE TABLE customers (id int PRIMARY KEY, name text NOT NULL);
CREATE TABLE orders (id int PRIMARY KEY, customer_id int REFERENCES customers, total numeric(10,2));
INSERT INTO customers VALUES (1, 'ada'), (2, 'bob');
INSERT INTO orders VALUES (1, 1, 10), (2, 1, 5.5), (3, 2, 7);
-- c.name is allowed only because customers.id is the primary key.
CREATE VIEW customer_totals AS SELECT c.id, c.name, sum(o.total) AS total FROM customers c JOIN orders o ON o.customer_id = c.id GROUP BY c.id;
CREATE VIEW big_customers AS SELECT * FROM customer_totals WHERE total > 8;
CREATE MATERIALIZED VIEW customer_totals_mv AS SELECT c.id, c.name, count(*) AS n FROM customers c JOIN orders o ON o.customer_id = c.id GROUP BY c.id;
COMMENT ON VIEW customer_totals IS 'per customer';
CREATE VIEW plain_orders AS SELECT id, total FROM orders;`;

let source: TempPgDatabase;
const target = uniqueName("tm_vieworder_new");

beforeAll(async () => {
  source = await createPgDatabase("tm_vieworder");
  await sql(source.url, SHOP);
});
afterAll(async () => {
  await source?.drop();
  await dropPgDatabase(target);
});

const totals = async (url: string) => (await sql(url, "SELECT * FROM big_customers ORDER BY id")).rows;

describe("PostgreSQL restore of views that need a primary key", () => {
  it("restores them into a new database, schema equal", async () => {
    await copyThroughConnector(postgresConnector(source.url), postgresConnector(source.url), { mode: "new", database: target });
    const url = pgUrlFor(target);
    expect(await totals(url)).toEqual(await totals(source.url));
    expect((await sql(url, "SELECT n FROM customer_totals_mv ORDER BY id")).rows).toEqual([{ n: "2" }, { n: "1" }]);
    expect(await schemaDump(url, target)).toEqual(await schemaDump(source.url, source.name));
  });

  it("puts them back after a chosen-tables replace of the table whose key they need", async () => {
    const url = pgUrlFor(target);
    await sql(url, "UPDATE customers SET name = 'changed'");
    await copyThroughConnector(postgresConnector(source.url), postgresConnector(url), { mode: "replace", database: target, tables: [{ schema: "public", name: "customers" }] });
    expect(await totals(url)).toEqual(await totals(source.url));
    expect(await schemaDump(url, target)).toEqual(await schemaDump(source.url, source.name));
  });
});
