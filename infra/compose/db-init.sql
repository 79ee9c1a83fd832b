-- GENERATED from @repo/auth-config by `pnpm --filter @repo/deploy-tools gen:compose`. Do not edit: change the registry and rerun.

-- orders-api
\getenv orders_api_password ORDERS_API_DB_PASSWORD
SELECT 'CREATE ROLE orders_api LOGIN' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'orders_api')\gexec
ALTER ROLE orders_api WITH LOGIN PASSWORD :'orders_api_password';
SELECT 'CREATE DATABASE orders_api OWNER orders_api' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'orders_api')\gexec
REVOKE ALL ON DATABASE orders_api FROM PUBLIC;
GRANT ALL ON DATABASE orders_api TO orders_api;

-- profile-api
\getenv profile_api_password PROFILE_API_DB_PASSWORD
SELECT 'CREATE ROLE profile_api LOGIN' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'profile_api')\gexec
ALTER ROLE profile_api WITH LOGIN PASSWORD :'profile_api_password';
SELECT 'CREATE DATABASE profile_api OWNER profile_api' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'profile_api')\gexec
REVOKE ALL ON DATABASE profile_api FROM PUBLIC;
GRANT ALL ON DATABASE profile_api TO profile_api;
