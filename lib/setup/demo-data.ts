// A small shop (customers, products, orders, order lines; a few thousand rows) in PostgreSQL and in SQLite,
// so a new user has something real to back up and restore.
import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { DatabaseSync } from "node:sqlite";
import pg from "pg";

export const DEMO_PG_DATABASE = "tidemark_demo_shop";

const PG_SHOP = `
CREATE TYPE order_status AS ENUM ('new', 'paid', 'shipped', 'cancelled');
CREATE TABLE customers (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  email text NOT NULL UNIQUE,
  name text NOT NULL,
  country char(2) NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE products (
  id serial PRIMARY KEY,
  sku text NOT NULL UNIQUE,
  title text NOT NULL,
  price numeric(10,2) NOT NULL CHECK (price >= 0),
  tags text[] NOT NULL DEFAULT '{}'
);
CREATE TABLE orders (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  customer_id bigint NOT NULL REFERENCES customers(id),
  status order_status NOT NULL DEFAULT 'new',
  placed_at timestamptz NOT NULL,
  note text
);
CREATE TABLE order_items (
  order_id bigint NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
  line smallint NOT NULL,
  product_id int NOT NULL REFERENCES products(id),
  quantity int NOT NULL CHECK (quantity > 0),
  unit_price numeric(10,2) NOT NULL,
  PRIMARY KEY (order_id, line)
);
CREATE INDEX orders_customer_idx ON orders(customer_id);
CREATE VIEW order_totals AS
  SELECT o.id, o.customer_id, sum(i.quantity * i.unit_price) AS total FROM orders o JOIN order_items i ON i.order_id = o.id GROUP BY o.id;
COMMENT ON TABLE orders IS 'Demo data created by Tidemark';

INSERT INTO customers (email, name, country, created_at)
  SELECT 'customer' || g || '@example.com', 'Customer ' || g, (ARRAY['DE','FR','US','JP','BR','NL'])[1 + g % 6],
         timestamptz '2025-01-01' + g * interval '7 hours'
  FROM generate_series(1, 1000) g;
INSERT INTO products (sku, title, price, tags)
  SELECT 'SKU-' || lpad(g::text, 4, '0'), 'Product ' || g, round((5 + (g * 37) % 200)::numeric + 0.99, 2),
         CASE WHEN g % 3 = 0 THEN ARRAY['sale'] ELSE ARRAY[]::text[] END
  FROM generate_series(1, 200) g;
INSERT INTO orders (customer_id, status, placed_at, note)
  SELECT 1 + (g * 7) % 1000, (ARRAY['new','paid','shipped','cancelled']::order_status[])[1 + g % 4],
         timestamptz '2025-06-01' + g * interval '53 minutes', CASE WHEN g % 10 = 0 THEN 'gift wrap' END
  FROM generate_series(1, 3000) g;
INSERT INTO order_items (order_id, line, product_id, quantity, unit_price)
  SELECT o, l, 1 + (o * 13 + l * 7) % 200, 1 + (o + l) % 4, round((5 + ((o * 13 + l * 7) % 200 * 37) % 200)::numeric + 0.99, 2)
  FROM generate_series(1, 3000) o, generate_series(1, 2) l;
`;

/** Creates the demo PostgreSQL database on the given server unless it exists. Returns its URL. */
export async function createDemoPostgres(serverUrl: string, database = DEMO_PG_DATABASE): Promise<{ url: string; created: boolean }> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  try {
    const { rowCount } = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (rowCount) return { url: url.toString(), created: false };
    await admin.query(`CREATE DATABASE ${admin.escapeIdentifier(database)}`);
  } finally {
    await admin.end();
  }
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    await client.query(PG_SHOP);
  } finally {
    await client.end();
  }
  return { url: url.toString(), created: true };
}

/** Creates the demo SQLite file unless it exists. */
export function createDemoSqlite(file: string): boolean {
  if (existsSync(file)) return false;
  mkdirSync(path.dirname(file), { recursive: true });
  const db = new DatabaseSync(file);
  try {
    db.exec(`
      PRAGMA journal_mode = WAL;
      CREATE TABLE customers (id INTEGER PRIMARY KEY, email TEXT NOT NULL UNIQUE, name TEXT NOT NULL, country TEXT NOT NULL, created_at TEXT NOT NULL);
      CREATE TABLE products (id INTEGER PRIMARY KEY, sku TEXT NOT NULL UNIQUE, title TEXT NOT NULL, price REAL NOT NULL, image BLOB);
      CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL REFERENCES customers(id), status TEXT NOT NULL, placed_at TEXT NOT NULL, note TEXT);
      CREATE TABLE order_items (order_id INTEGER NOT NULL REFERENCES orders(id), line INTEGER NOT NULL, product_id INTEGER NOT NULL REFERENCES products(id),
        quantity INTEGER NOT NULL CHECK (quantity > 0), unit_price REAL NOT NULL, PRIMARY KEY (order_id, line)) WITHOUT ROWID;
      CREATE INDEX orders_customer_idx ON orders(customer_id);
      CREATE VIEW order_totals AS SELECT order_id, SUM(quantity * unit_price) AS total FROM order_items GROUP BY order_id;
    `);
    db.exec("BEGIN");
    const customer = db.prepare("INSERT INTO customers VALUES (?, ?, ?, ?, ?)");
    const countries = ["DE", "FR", "US", "JP", "BR", "NL"];
    for (let i = 1; i <= 1000; i++) customer.run(i, `customer${i}@example.com`, `Customer ${i}`, countries[i % 6], new Date(Date.UTC(2025, 0, 1) + i * 7 * 3600_000).toISOString());
    const product = db.prepare("INSERT INTO products VALUES (?, ?, ?, ?, ?)");
    for (let i = 1; i <= 200; i++) product.run(i, `SKU-${String(i).padStart(4, "0")}`, `Product ${i}`, 5.99 + ((i * 37) % 200), i % 5 === 0 ? Buffer.from([i, 0, 255, 10, 9]) : null);
    const order = db.prepare("INSERT INTO orders VALUES (?, ?, ?, ?, ?)");
    const item = db.prepare("INSERT INTO order_items VALUES (?, ?, ?, ?, ?)");
    const statuses = ["new", "paid", "shipped", "cancelled"];
    for (let o = 1; o <= 3000; o++) {
      order.run(o, 1 + ((o * 7) % 1000), statuses[o % 4], new Date(Date.UTC(2025, 5, 1) + o * 53 * 60_000).toISOString(), o % 10 === 0 ? "gift wrap" : null);
      for (let l = 1; l <= 2; l++) item.run(o, l, 1 + ((o * 13 + l * 7) % 200), 1 + ((o + l) % 4), 5.99 + ((((o * 13 + l * 7) % 200) * 37) % 200));
    }
    db.exec("COMMIT");
  } finally {
    db.close();
  }
  return true;
}
