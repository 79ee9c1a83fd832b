export { checkServiceName } from './service-name';
export { addApiToRegistry } from './registry-edit';
export { addContractExport } from './contracts-edit';
export { serviceData } from './template-data';
export { addDashboardCard, addWebClient } from './web-edit';
export { addCallToRegistry, checkCall, ensureServiceScope } from './call-edit';
