package io.dynamodbbackup.restore;

import io.dynamodbbackup.store.Checkpointer;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The low-water mark of a restore: batches are numbered as the reader makes them and finish out of
 * order on the writers; the mark is the count of items at the start of the source whose batches
 * have all finished. Everything before it is in the table; a resume starts there.
 */
final class WrittenPrefix implements Checkpointer.Mark {

  private final Map<Long, Long> endOf = new HashMap<>();
  private final Set<Long> finished = new HashSet<>();
  private long registeredItems;
  private long nextBatch;
  private long firstUnfinished;
  private long items;

  /**
   * @param alreadyWritten items a previous run wrote, skipped by this one
   */
  WrittenPrefix(long alreadyWritten) {
    this.registeredItems = alreadyWritten;
    this.items = alreadyWritten;
  }

  /** Numbers the next batch, of {@code size} items following the ones registered before. */
  synchronized long register(int size) {
    registeredItems += size;
    endOf.put(nextBatch, registeredItems);
    return nextBatch++;
  }

  /** Marks a batch written (or its items rejected) and moves the mark on. */
  synchronized void finished(long batch) {
    finished.add(batch);
    while (finished.remove(firstUnfinished)) {
      items = endOf.remove(firstUnfinished);
      firstUnfinished++;
    }
    notifyAll();
  }

  /** Items at the start of the source known to be written. */
  synchronized long items() {
    return items;
  }

  @Override
  public long current() {
    return items();
  }

  @Override
  public synchronized void wake() {
    notifyAll();
  }

  @Override
  public synchronized long awaitBeyond(long seen, long millis) throws InterruptedException {
    if (items == seen) {
      wait(millis);
    }
    return items;
  }
}
