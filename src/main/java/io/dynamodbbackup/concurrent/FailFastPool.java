package io.dynamodbbackup.concurrent;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs tasks on a fixed pool of daemon threads until all have finished. The first task to fail
 * interrupts the others, and its failure is rethrown once; an interrupt of the calling thread
 * interrupts them all. No thread outlives the call.
 */
public final class FailFastPool {

  /** One unit of work; it stops promptly when its thread is interrupted. */
  public interface Task {
    void run() throws Exception;
  }

  private FailFastPool() {}

  /** Runs {@code tasks} on at most {@code threads} threads named {@code name-1}, {@code name-2}… */
  public static void runAll(String name, int threads, List<Task> tasks) throws Exception {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be 1 or more, was " + threads);
    }
    AtomicInteger threadNumber = new AtomicInteger();
    ExecutorService pool =
        Executors.newFixedThreadPool(
            Math.min(threads, Math.max(1, tasks.size())),
            r -> {
              Thread t = new Thread(r, name + "-" + threadNumber.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    try {
      ExecutorCompletionService<Void> done = new ExecutorCompletionService<>(pool);
      List<Future<Void>> futures = new ArrayList<>(tasks.size());
      for (Task task : tasks) {
        futures.add(
            done.submit(
                () -> {
                  task.run();
                  return null;
                }));
      }
      for (int i = 0; i < futures.size(); i++) {
        try {
          done.take().get();
        } catch (ExecutionException e) {
          futures.forEach(f -> f.cancel(true));
          throw unwrap(e);
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static Exception unwrap(ExecutionException e) {
    Throwable cause = e.getCause();
    if (cause instanceof Exception ex) {
      return ex;
    }
    if (cause instanceof Error err) {
      throw err;
    }
    return e;
  }
}
