package io.dynamodbbackup.dynamo;

import io.dynamodbbackup.retry.CancelledException;
import io.dynamodbbackup.retry.Retrier;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Asks DynamoDB about a long-running task until it is done: at first soon, then less and less often
 * (doubling up to a ceiling), each call retried as any other. Runs on the calling thread.
 */
final class Poller {

  private final Retrier retrier;
  private final Duration first;
  private final Duration ceiling;

  Poller(Retrier retrier, Duration first, Duration ceiling) {
    this.retrier = retrier;
    this.first = first;
    this.ceiling = ceiling;
  }

  /**
   * The first answer of {@code describe} that {@code done} accepts; every answer goes to {@code
   * onPoll} first.
   *
   * @param what names the call in errors, e.g. "DescribeExport arn:..."
   */
  <T> T until(String what, Supplier<T> describe, Predicate<T> done, Consumer<T> onPoll) {
    Duration wait = first;
    while (true) {
      T answer = retrier.call(what, describe);
      onPoll.accept(answer);
      if (done.test(answer)) {
        return answer;
      }
      try {
        retrier.clock().sleep(wait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new CancelledException("interrupted while waiting for " + what, e);
      }
      wait = wait.multipliedBy(2).compareTo(ceiling) > 0 ? ceiling : wait.multipliedBy(2);
    }
  }
}
