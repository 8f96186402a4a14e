package io.dynamodbbackup.backup;

import io.dynamodbbackup.dynamo.PageConsumer;
import io.dynamodbbackup.dynamo.RawItems;
import io.dynamodbbackup.format.Compression;
import io.dynamodbbackup.format.ItemEncoder;
import io.dynamodbbackup.format.LineBuffer;
import io.dynamodbbackup.store.ObjectWriter;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongConsumer;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Turns each segment's pages, as the bytes DynamoDB sent, into lines on the segment's own thread,
 * and hands them to the object writer in chunks of about {@code chunkSize} bytes, each compressed
 * on its own. Encoding and compression run in parallel; only the append to the shared part is
 * serialised. A segment's buffer lives only while the segment is being scanned, so memory grows
 * with threads, not with segments. Each chunk ends at a page's end, and is registered with {@link
 * StoredChunks} with the key its segment goes on after, so that a checkpoint knows how far each
 * segment's items are stored.
 */
final class SegmentEncoder implements PageConsumer {

  private final ItemEncoder encoder;
  private final Compression compression;
  private final ObjectWriter writer;
  private final int chunkSize;
  private final StoredChunks stored;
  private final Map<Integer, Chunk> chunks = new ConcurrentHashMap<>();
  private final LongAdder items = new LongAdder();

  SegmentEncoder(
      ItemEncoder encoder,
      Compression compression,
      ObjectWriter writer,
      int chunkSize,
      StoredChunks stored) {
    this.encoder = encoder;
    this.compression = compression;
    this.writer = writer;
    this.chunkSize = chunkSize;
    this.stored = stored;
  }

  @Override
  public void page(int segment, RawItems page, Map<String, AttributeValue> nextKey)
      throws Exception {
    Chunk chunk = chunks.computeIfAbsent(segment, s -> new Chunk(s, chunkSize + chunkSize / 4));
    byte[] body = page.body();
    for (int i = 0; i < page.count(); i++) {
      if (page.compact(i)) {
        encoder.encodeCanonical(body, page.start(i), page.end(i), chunk.lines);
      } else {
        encoder.encode(body, page.start(i), page.end(i), chunk.lines);
      }
    }
    items.add(page.count());
    chunk.pageEnded(page.count(), nextKey);
    if (chunk.lines.size() >= chunkSize) {
      flush(chunk);
    }
  }

  @Override
  public void segmentDone(int segment) throws Exception {
    Chunk chunk = chunks.remove(segment);
    if (chunk != null && chunk.lines.size() > 0) {
      flush(chunk);
    }
  }

  /** Items encoded so far. */
  long items() {
    return items.sum();
  }

  private void flush(Chunk chunk) throws Exception {
    // Registered before a part holding it can be stored, so no checkpoint misses it.
    LongConsumer placed = end -> stored.chunk(chunk.segment, end, chunk.nextKey, chunk.items);
    LineBuffer lines = chunk.lines;
    if (compression == Compression.NONE) {
      writer.append(lines.bytes(), 0, lines.size(), placed);
    } else {
      byte[] packed = compression.compress(lines.bytes(), 0, lines.size());
      writer.append(packed, 0, packed.length, placed);
    }
    chunk.reset();
  }

  /** A segment's lines not yet handed to the writer, and where its scan goes on after them. */
  private static final class Chunk {
    private final int segment;
    private final LineBuffer lines;
    private long items;
    private Map<String, AttributeValue> nextKey;

    Chunk(int segment, int capacity) {
      this.segment = segment;
      this.lines = new LineBuffer(capacity);
    }

    /** The chunk now ends with a page of {@code pageItems} items, after which its scan goes on. */
    void pageEnded(int pageItems, Map<String, AttributeValue> next) {
      items += pageItems;
      nextKey = next;
    }

    void reset() {
      lines.reset();
      items = 0;
    }
  }
}
