package io.dynamodbbackup.report;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Reports a running job's progress: a log line every {@code interval} with items, MB, items/s and
 * capacity units/s, and, when a terminal is attached, a bar redrawn in place on it. With neither,
 * it reports nothing.
 */
public final class ProgressMeter implements AutoCloseable {

  private static final long TERMINAL_REFRESH_MS = 500;

  private final EventLog log;
  private final Supplier<Progress> source;
  private final String unitName;
  private final long expectedItems;
  private final PrintWriter terminal;
  private final ScheduledExecutorService timer;
  private final long startNanos = System.nanoTime();
  private Progress lastLogged = new Progress(0, 0, 0);
  private long lastLoggedNanos = startNanos;

  /**
   * @param unitName "RCU" or "WCU"
   * @param expectedItems the item count DynamoDB estimates, or 0 if unknown
   * @param interval how often to log a line, or null for never
   * @param terminal where to draw a bar, or null when standard error is not a terminal
   */
  public ProgressMeter(
      EventLog log,
      Supplier<Progress> source,
      String unitName,
      long expectedItems,
      Duration interval,
      PrintWriter terminal) {
    this.log = log;
    this.source = source;
    this.unitName = unitName;
    this.expectedItems = expectedItems;
    this.terminal = terminal;
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "progress");
              t.setDaemon(true);
              return t;
            });
    if (interval != null) {
      long ms = Math.max(1, interval.toMillis());
      timer.scheduleAtFixedRate(this::logLine, ms, ms, TimeUnit.MILLISECONDS);
    }
    if (terminal != null) {
      timer.scheduleAtFixedRate(
          this::drawBar, TERMINAL_REFRESH_MS, TERMINAL_REFRESH_MS, TimeUnit.MILLISECONDS);
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
    if (terminal != null) {
      synchronized (terminal) {
        terminal.print("\r\033[K");
        terminal.flush();
      }
    }
  }

  private void logLine() {
    Progress now = source.get();
    long nanos = System.nanoTime();
    double seconds = Math.max(1e-9, (nanos - lastLoggedNanos) / 1e9);
    log.info(
        String.format(
            Locale.ROOT,
            "progress: %,d items, %.1f MB, %,.0f items/s, %.1f %s/s",
            now.items(),
            now.bytes() / 1e6,
            (now.items() - lastLogged.items()) / seconds,
            (now.capacityUnits() - lastLogged.capacityUnits()) / seconds,
            unitName));
    lastLogged = now;
    lastLoggedNanos = nanos;
  }

  private void drawBar() {
    Progress now = source.get();
    double seconds = Math.max(1e-9, (System.nanoTime() - startNanos) / 1e9);
    String done =
        expectedItems > 0
            ? String.format(
                Locale.ROOT, "%3.0f%% ", Math.min(100.0, 100.0 * now.items() / expectedItems))
            : "";
    synchronized (terminal) {
      terminal.printf(
          Locale.ROOT,
          "\r\033[K%s%,d items  %.1f MB  %,.0f items/s  %.1f %s/s",
          done,
          now.items(),
          now.bytes() / 1e6,
          now.items() / seconds,
          now.capacityUnits() / seconds,
          unitName);
      terminal.flush();
    }
  }
}
