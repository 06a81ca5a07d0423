package dev.asyncsse.runtime.client;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Records what the client logs through {@link System.Logger}, which the JDK sends to {@code
 * java.util.logging} when no other logging backend is installed.
 */
final class LogCapture extends Handler implements AutoCloseable {

  private final Logger logger = Logger.getLogger("dev.asyncsse.runtime.client");
  private final Level previousLevel = logger.getLevel();
  private final List<LogRecord> records = new ArrayList<>();

  LogCapture() {
    setLevel(Level.ALL);
    logger.setLevel(Level.ALL);
    logger.addHandler(this);
  }

  /**
   * Returns every record as text: its level, its message, and the message of each exception in
   * the chain of its thrown exception.
   */
  synchronized List<String> lines() {
    List<String> lines = new ArrayList<>();
    for (LogRecord record : records) {
      StringBuilder line = new StringBuilder();
      line.append(record.getLevel()).append(' ').append(record.getMessage());
      for (Throwable thrown = record.getThrown(); thrown != null; thrown = thrown.getCause()) {
        line.append(" | ").append(thrown);
        if (thrown.getCause() == thrown) {
          break;
        }
      }
      lines.add(line.toString());
    }
    return lines;
  }

  @Override
  public synchronized void publish(LogRecord record) {
    records.add(record);
  }

  @Override
  public void flush() {}

  @Override
  public void close() {
    logger.removeHandler(this);
    logger.setLevel(previousLevel);
  }
}
