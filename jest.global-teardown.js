module.exports = async function globalTeardown() {
  globalThis.__SALESOPS_NATS__?.kill('SIGKILL');
};
