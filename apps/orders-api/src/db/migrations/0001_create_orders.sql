-- Orders belong to the token's `sub`; every query filters by it (another user's order is a 404).
-- `seq` orders lists newest first and makes cursors exact; `id` is the public identifier.
create table orders (
  seq bigint generated always as identity primary key,
  id uuid not null unique,
  sub text not null,
  status text not null default 'pending' check (status in ('pending', 'cancelled')),
  -- The priced lines as they were when ordered: a later catalog change never rewrites an order.
  items jsonb not null,
  total_cents integer not null check (total_cents >= 0),
  currency text not null check (currency ~ '^[A-Z]{3}$'),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index orders_by_sub on orders (sub, seq desc);

-- One row per (sub, Idempotency-Key): the primary key is what makes concurrent retries create
-- exactly one order. The first answer is kept as text (json, not jsonb) so a replay returns it as
-- it was sent.
create table idempotency_keys (
  sub text not null,
  key text not null,
  request_hash text not null,
  order_id uuid not null references orders (id),
  response_status integer not null,
  response_body json not null,
  created_at timestamptz not null default now(),
  primary key (sub, key)
);
