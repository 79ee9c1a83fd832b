-- One row per user, keyed by the token's `sub`; created on the user's first GET /me.
create table profiles (
  sub text primary key,
  email text,
  display_name text not null,
  locale text not null default 'en',
  notifications text not null default 'important'
    check (notifications in ('all', 'important', 'none')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
