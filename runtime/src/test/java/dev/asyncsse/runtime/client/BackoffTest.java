package dev.asyncsse.runtime.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Reconnect delays: base, doubling, cap, jitter and the server's retry. */
class BackoffTest {

  @Test
  void firstFailureWaitsBaseThenDoubles() {
    Backoff backoff = new Backoff(100, 10_000, new Random(1));
    assertEquals(100, backoff.delayMillis(0));
    assertEquals(100, backoff.delayMillis(1));
    assertEquals(200, backoff.delayMillis(2));
    assertEquals(400, backoff.delayMillis(3));
    assertEquals(800, backoff.delayMillis(4));
  }

  @Test
  void delayIsCapped() {
    Backoff backoff = new Backoff(100, 1_000, new Random(1));
    assertEquals(1_000, backoff.delayMillis(5));
    assertEquals(1_000, backoff.delayMillis(40));
    assertEquals(1_000, backoff.delayMillis(Integer.MAX_VALUE));
  }

  @Test
  void baseAboveCapIsHonored() {
    Backoff backoff = new Backoff(100, 1_000, new Random(1));
    backoff.setBaseMillis(5_000);
    assertEquals(5_000, backoff.delayMillis(0));
    assertEquals(5_000, backoff.delayMillis(3));
  }

  @Test
  void serverRetryReplacesBase() {
    Backoff backoff = new Backoff(3_000, 30_000, new Random(1));
    backoff.setBaseMillis(50);
    assertEquals(50, backoff.baseMillis());
    assertEquals(50, backoff.delayMillis(1));
    assertEquals(100, backoff.delayMillis(2));
  }

  @Test
  void zeroBaseStillGrows() {
    Backoff backoff = new Backoff(0, 1_000, new Random(1));
    assertEquals(0, backoff.delayMillis(1));
    assertEquals(2, backoff.delayMillis(2));
    assertEquals(512, backoff.delayMillis(10));
    assertEquals(1_000, backoff.delayMillis(11));
  }

  @Test
  void jitterAddsUpToQuarterAndSpreads() {
    Backoff backoff = new Backoff(1_000, 30_000, new Random(42));
    Set<Long> distinct = new HashSet<>();
    for (int i = 0; i < 1_000; i++) {
      long delay = backoff.jitteredDelayMillis(1);
      assertTrue(delay >= 1_000, "delay " + delay);
      assertTrue(delay <= 1_250, "delay " + delay);
      distinct.add(delay);
    }
    assertTrue(distinct.size() > 100, "jitter produced only " + distinct.size() + " values");
  }

  @Test
  void hugeBaseDoesNotOverflow() {
    Backoff backoff = new Backoff(Long.MAX_VALUE, 30_000, new Random(1));
    assertEquals(Long.MAX_VALUE, backoff.jitteredDelayMillis(3));
  }
}
