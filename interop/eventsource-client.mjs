// Connects the npm "eventsource" client to an SSE endpoint and prints what it receives, one JSON
// object per line on stdout:
//   {"kind":"open"}                                   each time the connection opens
//   {"kind":"event","type":...,"id":...,"data":...}   each event: its type (event name), the last
//                                                     event ID and the raw data
//   {"kind":"error","message":...,"code":...,"readyState":...}   each error event
//   {"kind":"done","events":[...]}                    after COUNT events, then exit code 0
//   {"kind":"timeout","events":[...]}                 when TIMEOUT_MS passes first, then exit code 1
//
// Usage: node eventsource-client.mjs URL COUNT [TIMEOUT_MS]
//
// Events named "userSignedup" and unnamed events (type "message") are collected.
import { EventSource } from "eventsource";

const [url, countText, timeoutText = "20000"] = process.argv.slice(2);
const count = Number(countText);
const timeoutMillis = Number(timeoutText);
if (!url || !Number.isInteger(count) || count < 1 || !Number.isInteger(timeoutMillis)) {
  console.error("Usage: node eventsource-client.mjs URL COUNT [TIMEOUT_MS]");
  process.exit(2);
}

const print = (record) => process.stdout.write(JSON.stringify(record) + "\n");
const events = [];
const source = new EventSource(url);

const timer = setTimeout(() => {
  source.close();
  print({ kind: "timeout", events });
  process.exitCode = 1;
}, timeoutMillis);

function record(event) {
  const received = { type: event.type, id: event.lastEventId, data: event.data };
  events.push(received);
  print({ kind: "event", ...received });
  if (events.length === count) {
    clearTimeout(timer);
    source.close();
    print({ kind: "done", events });
  }
}

source.addEventListener("userSignedup", record);
source.addEventListener("message", record);
source.addEventListener("open", () => print({ kind: "open" }));
source.addEventListener("error", (event) =>
  print({
    kind: "error",
    message: event.message ?? null,
    code: event.code ?? null,
    readyState: source.readyState,
  }),
);
