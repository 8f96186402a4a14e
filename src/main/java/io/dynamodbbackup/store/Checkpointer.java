package io.dynamodbbackup.store;

import java.util.function.Consumer;
import java.util.function.LongFunction;

/**
 * Writes a job's checkpoint to its state object whenever the job's mark moves, one write at a time
 * on its own thread, so that a kill redoes little more than the work in flight. A failed write is
 * warned about once and retried with the next mark: a lost checkpoint costs work, never data.
 */
public final class Checkpointer implements AutoCloseable {

  /** A mark that only grows while a job runs, and a way to wait for it to move. */
  public interface Mark {

    /** The mark now. */
    long current();

    /** Waits up to {@code millis} for the mark to move past {@code seen}, or a wake; the mark. */
    long awaitBeyond(long seen, long millis) throws InterruptedException;

    /** Wakes whoever waits in {@link #awaitBeyond}. */
    void wake();
  }

  private static final long WAIT_MILLIS = 1_000;
  private static final long JOIN_MILLIS = 30_000;

  private final StateObject state;
  private final Mark mark;
  private final LongFunction<byte[]> checkpoint;
  private final String what;
  private final Consumer<String> warnings;
  private final Thread thread;
  private volatile boolean stopping;
  private long lastWritten = -1;
  private boolean warned;

  /**
   * Starts the thread, which writes a first checkpoint at once.
   *
   * @param checkpoint the state's bytes for a mark
   * @param what what the state is, for the warning: {@code restore's checkpoint}
   */
  public Checkpointer(
      StateObject state,
      Mark mark,
      LongFunction<byte[]> checkpoint,
      String what,
      Consumer<String> warnings) {
    this.state = state;
    this.mark = mark;
    this.checkpoint = checkpoint;
    this.what = what;
    this.warnings = warnings;
    this.thread = new Thread(this::run, "checkpoint");
    this.thread.setDaemon(true);
    this.thread.start();
  }

  private void run() {
    try {
      while (!stopping) {
        long seen = mark.awaitBeyond(lastWritten, WAIT_MILLIS);
        if (seen != lastWritten) {
          write(seen);
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
    mark.wake();
    try {
      thread.join(JOIN_MILLIS);
    } catch (InterruptedException e) {
      interrupted = true;
    }
    if (thread.isAlive()) {
      thread.interrupt();
    }
    long last = mark.current();
    if (last != lastWritten) {
      write(last);
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private void write(long seen) {
    try {
      state.write(checkpoint.apply(seen));
      lastWritten = seen;
    } catch (Exception e) {
      if (!warned) {
        warned = true;
        warnings.accept(
            "cannot write the "
                + what
                + " to "
                + state.uri()
                + " ("
                + reason(e)
                + "); a resume after a stop would redo more");
      }
    }
  }

  private static String reason(Exception e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
