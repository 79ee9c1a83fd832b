// Loaded into web's server with NODE_OPTIONS=--import: every date the server formats throws, a
// stand-in for a bug in a page. The product's code is not touched; the troubleshooting suite
// uses it to show what a render error looks like to the user.
Object.defineProperty(Intl.DateTimeFormat.prototype, 'format', {
  configurable: true,
  get() {
    return () => {
      throw new Error('forced render error (troubleshooting test)');
    };
  },
});
