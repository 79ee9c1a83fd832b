export { runDoctor, defaultTimeoutMs, type DoctorInput, type Report } from './runner';
export { renderTable, renderJson, summarize, symbols } from './render';
export type { CheckResult, CheckGroup, Status } from './result';
export type { EnvSources } from './apps';
export type { FetchFn } from './http';
