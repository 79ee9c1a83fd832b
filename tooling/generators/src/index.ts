export { checkServiceName, reservedNames, type NameCheck } from './service-name';
export { addApiToRegistry, displayNameOf, endMarker, nextFreePort, type NewApi } from './registry-edit';
export { addContractExport } from './contracts-edit';
export { audienceFor, serviceData, type ServiceData } from './template-data';
