package io.dynamodbbackup.dynamo;

import io.dynamodbbackup.retry.Retrier;
import java.util.List;

/**
 * Sends a batch request round after round until DynamoDB has processed all of it. What it returns
 * unprocessed means the table is busy, so each round waits longer, as after throttling; the
 * retrier's time budget restarts whenever a round makes progress.
 */
final class ResendLoop {

  /** One request with what is still pending; returns what came back unprocessed. */
  interface Round<T, E extends Exception> {
    List<T> send(List<T> pending) throws E;
  }

  private ResendLoop() {}

  static <T, E extends Exception> void untilProcessed(
      Retrier retrier, String what, String unit, List<T> pending, Round<T, E> round) throws E {
    long progressAt = retrier.clock().nanoTime();
    int rounds = 0;
    while (!pending.isEmpty()) {
      List<T> left = round.send(pending);
      if (left.size() < pending.size()) {
        progressAt = retrier.clock().nanoTime();
      }
      pending = left;
      if (!pending.isEmpty()) {
        retrier.backOff(
            what,
            ++rounds,
            progressAt,
            pending.size() + " " + unit + " still returned unprocessed");
      }
    }
  }
}
