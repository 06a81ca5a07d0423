package dev.asyncsse.benchmarks;

/** The work a client in the end-to-end benchmark does with each event's data. */
public enum Payload {
  /** Adds up the data lengths. */
  RAW,
  /** Decodes the data into a record and adds up the lengths of its {@code email} values. */
  JSON
}
