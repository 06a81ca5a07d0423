// The better-sse server of the fan-out benchmark (dev.asyncsse.benchmarks.FanoutBenchmark in the
// benchmarks module). It serves one event stream at /ticks on 127.0.0.1 through a better-sse
// channel that every session joins, and speaks the same line protocol as the benchmark's Java
// FanoutServer, so the benchmark drives all servers alike.
//
// Usage: node --expose-gc better-sse-fanout-server.mjs
//
// It prints "PORT <port>" when it is ready, then reads one command per line from stdin and writes
// the response to each on stdout:
//   count          COUNT <sessions on the channel>
//   heap           HEAP <heapUsed> <rss> <native> in bytes after full garbage collections, where
//                  native is the resident memory outside the V8 heap (see memoryAfterGc)
//   publish <seq>  broadcasts an event "tick" with id <seq> and data {"seq":<seq>}, then writes
//                  PUBLISHED <seq> <nanos>, nanos being process.hrtime.bigint() just before
//   quit           stops the process, as does the end of stdin
//
// better-sse writes each field without a space after the colon, so a frame reads
// "event:tick\nid:7\ndata:{\"seq\":7}\n\n", 3 bytes shorter than the Java servers' frame.
import http from "node:http";
import readline from "node:readline";
import { setTimeout as sleep } from "node:timers/promises";
import v8 from "node:v8";
import { createChannel, createSession } from "better-sse";

const PATH = "/ticks";
const EVENT_NAME = "tick";
// The same as FanoutServer's backlog.
const BACKLOG = 1024;
const GC_ROUNDS = 3;
const GC_PAUSE_MILLIS = 100;
// asyncsse writes a heartbeat comment to every stream each 15 seconds (its default), so better-sse
// sends its keep-alive comment at that interval too, in place of its default of 10 seconds. All
// other session options keep their defaults.
const KEEP_ALIVE_MILLIS = 15_000;

if (typeof global.gc !== "function") {
  console.error("global.gc is missing: run node with --expose-gc, which the heap command needs.");
  process.exit(2);
}

const channel = createChannel();

const server = http.createServer(async (request, response) => {
  const path = new URL(request.url, "http://127.0.0.1").pathname;
  if (path !== PATH) {
    response.writeHead(404, { "Content-Type": "text/plain" }).end(`No event stream at ${path}.\n`);
    return;
  }
  // createSession resolves once the response head is sent. The session leaves the channel by
  // itself when its connection closes.
  const session = await createSession(request, response, { keepAlive: KEEP_ALIVE_MILLIS });
  channel.register(session);
});

async function handle(line) {
  const [command, argument] = line.split(" ");
  switch (command) {
    case "count":
      return respond(`COUNT ${channel.sessionCount}`);
    case "heap":
      return respond(`HEAP ${await memoryAfterGc()}`);
    case "publish": {
      const seq = Number(argument);
      // process.hrtime.bigint() comes from libuv's uv_hrtime, which reads CLOCK_MONOTONIC on
      // Linux, the clock that System.nanoTime() reads in the benchmark's JVM. Checked on Linux
      // 6.18 with Node 20.20 and JDK 17: each of 20 hrtime readings in a child node process lay
      // between the parent JVM's nanoTime() before the request and after the response.
      const nanos = process.hrtime.bigint();
      channel.broadcast({ seq }, EVENT_NAME, { eventId: String(seq) });
      return respond(`PUBLISHED ${seq} ${nanos}`);
    }
    case "quit":
      return stop();
    default:
      return respond(`ERROR unknown command: ${line}`);
  }
}

function respond(text) {
  process.stdout.write(text + "\n");
}

// Returns "<heapUsed> <rss> <native>" in bytes. heapUsed counts the live JavaScript objects. rss
// also counts V8 heap pages that are resident but free, and the memory outside the V8 heap.
// native is that last part, rss minus the V8 heap's resident size: each connection's libuv handle,
// socket wrapper and HTTP parser, Buffer contents, and memory that the C allocator keeps after a
// free.
async function memoryAfterGc() {
  for (let round = 0; round < GC_ROUNDS; round++) {
    global.gc();
    await sleep(GC_PAUSE_MILLIS);
  }
  const { heapUsed, rss } = process.memoryUsage();
  const native = rss - v8.getHeapStatistics().total_physical_size;
  return `${heapUsed} ${rss} ${native}`;
}

function stop() {
  server.closeAllConnections();
  server.close();
  // Each session's keep-alive timer would keep the event loop running until its close is seen.
  process.exit(0);
}

server.listen({ port: 0, host: "127.0.0.1", backlog: BACKLOG }, () => {
  respond(`PORT ${server.address().port}`);
  const input = readline.createInterface({ input: process.stdin });
  // Commands run one after another, because heap waits between collections.
  let previous = Promise.resolve();
  input.on("line", (line) => {
    previous = previous.then(() => handle(line));
  });
  input.on("close", () => previous.then(stop));
});
