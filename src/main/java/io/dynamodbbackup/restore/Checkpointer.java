package io.dynamodbbackup.restore;

import io.dynamodbbackup.JobFailedException;
import io.dynamodbbackup.report.EventLog;
import io.dynamodbbackup.retry.Clock;
import io.dynamodbbackup.store.StateObject;

/**
 * Writes the restore's low-water mark to its state object whenever it moves, one write at a time on
 * its own thread, so a kill redoes little more than the batches in flight. A failed write is warned
 * about once and retried with the next mark: a lost checkpoint costs work, never data.
 */
final class Checkpointer implements AutoCloseable {

  private static final long WAIT_MILLIS = 1_000;
  private static final long JOIN_MILLIS = 30_000;

  private final StateObject state;
  private final String source;
  private final String table;
  private final WrittenPrefix prefix;
  private final Clock clock;
  private final EventLog log;
  private final Thread thread;
  private volatile boolean stopping;
  private long lastWritten = -1;
  private boolean warned;

  Checkpointer(
      StateObject state,
      String source,
      String table,
      WrittenPrefix prefix,
      Clock clock,
      EventLog log) {
    this.state = state;
    this.source = source;
    this.table = table;
    this.prefix = prefix;
    this.clock = clock;
    this.log = log;
    this.thread = new Thread(this::run, "checkpoint");
    this.thread.setDaemon(true);
    this.thread.start();
  }

  private void run() {
    try {
      while (!stopping) {
        long mark = prefix.awaitBeyond(lastWritten, WAIT_MILLIS);
        if (mark != lastWritten) {
          write(mark);
        }
      }
    } catch (InterruptedException e) {
      // Stopped: close() writes the last mark itself.
    }
  }

  /** Stops the thread and writes the final mark. */
  @Override
  public void close() {
    // Not by interrupt: a write in flight would be aborted and the mark lost for nothing.
    boolean interrupted = Thread.interrupted();
    stopping = true;
    prefix.wake();
    try {
      thread.join(JOIN_MILLIS);
    } catch (InterruptedException e) {
      interrupted = true;
    }
    if (thread.isAlive()) {
      thread.interrupt();
    }
    long mark = prefix.items();
    if (mark != lastWritten) {
      write(mark);
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private void write(long mark) {
    RestoreCheckpoint checkpoint =
        new RestoreCheckpoint(
            RestoreCheckpoint.FORMAT_VERSION, source, table, mark, clock.now().toString());
    try {
      state.write(checkpoint.toJson());
      lastWritten = mark;
    } catch (Exception e) {
      if (!warned) {
        warned = true;
        log.warn(
            "cannot write the restore's checkpoint to "
                + state.uri()
                + " ("
                + JobFailedException.reason(e)
                + "); a resume after a stop would redo more");
      }
    }
  }
}
