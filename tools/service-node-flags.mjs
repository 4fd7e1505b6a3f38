// Node flags every SalesOps process runs with (npm start, the benchmark, the Dockerfile's CMD and
// the apps' `start` scripts repeat them).
//
// --min-semi-space-size=16: V8 shrinks the young generation of a process that was idle for a few
// seconds and grows it back only slowly, so the first seconds of load after a quiet spell ran
// with many more scavenges: measured, a read after 17 s of idle served 5,110 req/s against 5,940
// with this floor (and 4,127 against 5,612 after the gateway's health phase). Costs at most 48 MB
// of memory per process.
export const SERVICE_NODE_FLAGS = ['--min-semi-space-size=16'];
