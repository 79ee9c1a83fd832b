import { deployApis, type DeployRegistry } from '../stack/registry';
import { dbPasswordVariable } from './compose';

const literal = (value: string) => `'${value.replace(/'/g, "''")}'`;

/**
 * The SQL `db-init` runs with psql on every `up`: for each API a login role and a database it
 * owns, each created only when missing (psql's \gexec runs the statement a query returns, and the
 * query returns none once it exists), so running it twice changes nothing. The password is set
 * again each time, from the API's variable: changing it in .env and running `up` rotates it. No
 * other role may connect to an API's database: an API reaches only its own data.
 */
export function dbInitSql(registry: DeployRegistry, header: string): string {
  const blocks = deployApis(registry).map((api) => {
    const role = api.database;
    const password = `${role}_password`;
    return [
      `-- ${api.name}`,
      `\\getenv ${password} ${dbPasswordVariable(api)}`,
      `SELECT 'CREATE ROLE ${role} LOGIN' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = ${literal(role)})\\gexec`,
      `ALTER ROLE ${role} WITH LOGIN PASSWORD :'${password}';`,
      `SELECT 'CREATE DATABASE ${role} OWNER ${role}' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = ${literal(role)})\\gexec`,
      `REVOKE ALL ON DATABASE ${role} FROM PUBLIC;`,
      `GRANT ALL ON DATABASE ${role} TO ${role};`,
    ].join('\n');
  });
  return `${header.replace(/^#/gm, '--')}\n${blocks.join('\n\n')}\n`;
}
