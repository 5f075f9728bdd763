// No test may reach the network: GitHub is the in-process simulator (test/sim), on 127.0.0.1.
//
// nock intercepts every request as it is made, also the many thousands to the simulator, which it
// only lets through (about half a millisecond of CPU each). `fetch` to this machine therefore
// skips nock; any other request still goes through it and is refused (or answered by a nock
// interceptor a test sets up, for a host other than 127.0.0.1/localhost).

// The fetch before nock replaces it (kept across the test files of a worker: nock is loaded once).
const UNINTERCEPTED = Symbol.for("docket.test.unintercepted-fetch");
const registry = globalThis as typeof globalThis & { [UNINTERCEPTED]?: typeof fetch };
registry[UNINTERCEPTED] ??= globalThis.fetch;
const direct = registry[UNINTERCEPTED];

const { default: nock } = await import("nock");
nock.disableNetConnect();
nock.enableNetConnect((host) => host.startsWith("127.0.0.1") || host.startsWith("localhost"));

const LOCAL = new Set(["127.0.0.1", "localhost"]);
function isLocal(input: Parameters<typeof fetch>[0]): boolean {
  const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
  try {
    return LOCAL.has(new URL(url).hostname);
  } catch {
    return false;
  }
}

const intercepted = globalThis.fetch;
if (!(intercepted as { docketLocalBypass?: true }).docketLocalBypass) {
  const bypass: typeof fetch = (input, init) => (isLocal(input) ? direct(input, init) : intercepted(input, init));
  globalThis.fetch = Object.assign(bypass, { docketLocalBypass: true as const });
}
