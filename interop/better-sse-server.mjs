// Serves the account service's userSignups channel with better-sse on 127.0.0.1, so that a client
// under test can connect to a third-party SSE server.
//
// Usage: node better-sse-server.mjs [PORT]     (PORT 0, the default, picks a free port)
//
// Every signup is kept in a log with the ids 1, 2, 3, ... A client that connects to
// /user/signedup first gets the logged signups after its Last-Event-ID (all of them without one),
// and is then registered on a better-sse channel that carries new signups. Each signup is sent as
// an event named "userSignedup" with the signup as JSON data.
//
// Commands arrive on stdin, one JSON object per line:
//   {"command":"publish","signup":{...}}   logs the signup and broadcasts it
//   {"command":"drop"}                     ends every open response, so clients reconnect
// The server stops when stdin ends.
//
// Reports go to stdout, one JSON object per line:
//   {"kind":"listening","port":N}
//   {"kind":"connected","connection":N,"lastEventIdHeader":...,"sessionLastId":...,"replayed":N}
//   {"kind":"published","id":"N"}
//   {"kind":"dropped","count":N}
import http from "node:http";
import readline from "node:readline";
import { createChannel, createSession } from "better-sse";

const CHANNEL_PATH = "/user/signedup";
const EVENT_NAME = "userSignedup";
// Sent as the stream's retry field, so that clients under test reconnect within a test's time.
const RECONNECT_MILLIS = 100;

const port = Number(process.argv[2] ?? "0");
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`Invalid port ${process.argv[2]}: use a number from 0 to 65535.`);
  process.exit(2);
}

const print = (record) => process.stdout.write(JSON.stringify(record) + "\n");
const channel = createChannel();
const log = [];
// The open responses and their sessions, so that "drop" can end them.
const openSessions = new Map();
let connections = 0;

const server = http.createServer(async (request, response) => {
  const path = new URL(request.url, "http://127.0.0.1").pathname;
  if (path !== CHANNEL_PATH) {
    response.writeHead(404, { "Content-Type": "text/plain" }).end(`No event stream at ${path}.\n`);
    return;
  }
  connections += 1;
  const connection = connections;
  const session = await createSession(request, response, { retry: RECONNECT_MILLIS, keepAlive: null });
  openSessions.set(response, session);
  response.on("close", () => openSessions.delete(response));

  // better-sse reads the Last-Event-ID header into session.lastId, and each push overwrites it.
  const clientLastId = session.lastId;
  const after = clientLastId === "" ? 0 : Number(clientLastId);
  const missed = log.filter((entry) => entry.id > after);
  for (const entry of missed) {
    session.push(entry.signup, EVENT_NAME, String(entry.id));
  }
  channel.register(session);
  print({
    kind: "connected",
    connection,
    lastEventIdHeader: request.headers["last-event-id"] ?? null,
    sessionLastId: clientLastId,
    replayed: missed.length,
  });
});

// Ends every open response. Each session leaves the channel first, because better-sse removes a
// session only when its response emits "close", and a broadcast to an ended response throws.
function endAll() {
  for (const [response, session] of openSessions) {
    channel.deregister(session);
    response.end();
  }
  openSessions.clear();
}

function handle(line) {
  const command = JSON.parse(line);
  if (command.command === "publish") {
    const entry = { id: log.length + 1, signup: command.signup };
    log.push(entry);
    channel.broadcast(entry.signup, EVENT_NAME, { eventId: String(entry.id) });
    print({ kind: "published", id: String(entry.id) });
  } else if (command.command === "drop") {
    const count = openSessions.size;
    endAll();
    print({ kind: "dropped", count });
  } else {
    console.error(`Unknown command ${JSON.stringify(command.command)}: use "publish" or "drop".`);
  }
}

server.listen(port, "127.0.0.1", () => {
  print({ kind: "listening", port: server.address().port });
  const input = readline.createInterface({ input: process.stdin });
  input.on("line", (line) => {
    if (line.trim() !== "") {
      handle(line);
    }
  });
  input.on("close", () => {
    endAll();
    server.close();
    server.closeAllConnections();
  });
});
