// Loaded into web's server with NODE_OPTIONS=--import: every date and amount the server formats
// throws, a stand-in for a bug in a page. Amounts matter: dates are written by a client
// component, whose server-side failure Next.js retries in the browser (where this is not
// loaded), while the orders table formats its amounts in a server component. The product's code
// is not touched; the troubleshooting suite uses it to show what a render error looks like.
for (const Format of [Intl.DateTimeFormat, Intl.NumberFormat]) {
  Object.defineProperty(Format.prototype, 'format', {
    configurable: true,
    get() {
      return () => {
        throw new Error('forced render error (troubleshooting test)');
      };
    },
  });
}
