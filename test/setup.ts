import nock from "nock";

// No test may reach the network: every GitHub request must be answered by a mock or the local stand-in.
nock.disableNetConnect();
nock.enableNetConnect((host) => host.startsWith("127.0.0.1") || host.startsWith("localhost"));
