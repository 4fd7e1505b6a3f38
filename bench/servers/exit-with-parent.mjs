// Our helper servers read stdin only to notice that the benchmark process is gone (EOF): then
// they exit, so an interrupted run never leaves them behind.
export function exitWithParent() {
  process.stdin.on('end', () => process.exit(0));
  process.stdin.on('error', () => process.exit(0));
  process.stdin.resume();
  process.once('SIGTERM', () => process.exit(0));
  process.once('SIGINT', () => process.exit(0));
}
