package io.dynamodbbackup.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Gives a job the chance to clean up when the process is asked to stop (SIGTERM from ECS, Ctrl-C):
 * a shutdown hook interrupts the thread running the job, then holds the JVM until that job has
 * aborted what it started and closed its session, or until the grace period ends. ECS sends SIGKILL
 * 30 s after SIGTERM by default, so the grace period stays below that.
 */
final class StopSignal implements AutoCloseable {

  private static final long GRACE_SECONDS = 20;

  private final CountDownLatch finished = new CountDownLatch(1);
  private final Thread hook;

  /** Watches over the calling thread until {@link #close()}. */
  StopSignal() {
    Thread worker = Thread.currentThread();
    this.hook =
        new Thread(
            () -> {
              worker.interrupt();
              try {
                finished.await(GRACE_SECONDS, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "stop-signal");
    Runtime.getRuntime().addShutdownHook(hook);
  }

  @Override
  public void close() {
    finished.countDown();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException stopping) {
      // The process is already stopping; the hook has run or is running.
    }
  }
}
