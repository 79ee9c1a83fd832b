export { runDoctor, type Report } from './runner';
export { renderTable, renderJson } from './render';
export type { CheckResult } from './result';
export type { EnvSources } from './apps';
