package io.dynamodbbackup.backup;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Which of each segment's items are inside stored parts. Every chunk a segment hands to the object
 * is registered with where it ends in the object, the key its scan goes on after, and its items,
 * before any part holding it can be stored (a chunk stored but not registered would be read again
 * by a resume, and written twice). A segment's chunks end ever further on, though its later chunk
 * may be stored while an earlier one still waits in the part being filled. So a segment has got as
 * far as its last chunk that ends within the stored parts, all its earlier chunks ending before
 * that one.
 */
final class StoredChunks {

  /**
   * How far one segment's items are stored.
   *
   * @param nextKey the key its scan goes on after; empty when the segment is finished
   * @param items its items stored
   */
  record Progress(Map<String, AttributeValue> nextKey, long items) {}

  private record Chunk(long end, Map<String, AttributeValue> nextKey, long items) {}

  private final Map<Integer, Deque<Chunk>> waiting = new HashMap<>();
  private final Map<Integer, Progress> stored;

  /** Starts from the progress an interrupted run stored, or from none. */
  StoredChunks(Map<Integer, Progress> alreadyStored) {
    this.stored = new TreeMap<>(alreadyStored);
  }

  /**
   * Registers a segment's next chunk.
   *
   * @param end where the chunk ends in the object
   * @param nextKey the key the segment's scan goes on after the chunk's last page
   * @param items the items in the chunk
   */
  synchronized void chunk(int segment, long end, Map<String, AttributeValue> nextKey, long items) {
    waiting.computeIfAbsent(segment, s -> new ArrayDeque<>()).add(new Chunk(end, nextKey, items));
  }

  /**
   * Each segment's progress once the stored parts hold the object up to {@code end}; {@code end}
   * never goes back.
   */
  synchronized Map<Integer, Progress> storedUpTo(long end) {
    for (Map.Entry<Integer, Deque<Chunk>> segment : waiting.entrySet()) {
      Deque<Chunk> chunks = segment.getValue();
      while (!chunks.isEmpty() && chunks.peekFirst().end() <= end) {
        Chunk c = chunks.removeFirst();
        Progress before = stored.get(segment.getKey());
        long items = (before == null ? 0 : before.items()) + c.items();
        stored.put(segment.getKey(), new Progress(c.nextKey(), items));
      }
    }
    return new TreeMap<>(stored);
  }
}
