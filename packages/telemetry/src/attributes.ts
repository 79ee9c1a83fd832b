/**
 * The OpenTelemetry semantic-convention names the apps set (stable HTTP and database
 * conventions), written once so that web and the APIs spell them alike. A dependency on the
 * whole semantic-conventions package for a dozen strings is not worth it.
 */
export const attr = {
  httpRequestMethod: 'http.request.method',
  httpResponseStatusCode: 'http.response.status_code',
  httpRoute: 'http.route',
  urlPath: 'url.path',
  urlFull: 'url.full',
  urlScheme: 'url.scheme',
  serverAddress: 'server.address',
  serverPort: 'server.port',
  errorType: 'error.type',
  dbSystemName: 'db.system.name',
  dbOperationName: 'db.operation.name',
  dbQueryText: 'db.query.text',
  dbNamespace: 'db.namespace',
} as const;
