package io.dynamodbbackup.backup;

import io.dynamodbbackup.dynamo.PageConsumer;
import io.dynamodbbackup.format.Compression;
import io.dynamodbbackup.format.ItemEncoder;
import io.dynamodbbackup.store.ObjectWriter;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Turns each segment's pages into lines on the segment's own thread, and hands them to the object
 * writer in chunks of about {@code chunkSize} bytes, each compressed on its own. Encoding and
 * compression run in parallel; only the append to the shared part is serialised. A segment's buffer
 * lives only while the segment is being scanned, so memory grows with threads, not with segments.
 */
final class SegmentEncoder implements PageConsumer {

  private final ItemEncoder encoder;
  private final Compression compression;
  private final ObjectWriter writer;
  private final int chunkSize;
  private final Map<Integer, Chunk> chunks = new ConcurrentHashMap<>();
  private final LongAdder items = new LongAdder();

  SegmentEncoder(ItemEncoder encoder, Compression compression, ObjectWriter writer, int chunkSize) {
    this.encoder = encoder;
    this.compression = compression;
    this.writer = writer;
    this.chunkSize = chunkSize;
  }

  @Override
  public void page(
      int segment, List<Map<String, AttributeValue>> page, Map<String, AttributeValue> nextKey)
      throws Exception {
    Chunk chunk = chunks.computeIfAbsent(segment, s -> new Chunk(chunkSize + chunkSize / 4));
    for (Map<String, AttributeValue> item : page) {
      encoder.encode(item, chunk);
    }
    items.add(page.size());
    if (chunk.size() >= chunkSize) {
      flush(chunk);
    }
  }

  @Override
  public void segmentDone(int segment) throws Exception {
    Chunk chunk = chunks.remove(segment);
    if (chunk != null && chunk.size() > 0) {
      flush(chunk);
    }
  }

  /** Items encoded so far. */
  long items() {
    return items.sum();
  }

  private void flush(Chunk chunk) throws Exception {
    if (compression == Compression.NONE) {
      writer.append(chunk.bytes(), 0, chunk.size());
    } else {
      byte[] packed = compression.compress(chunk.bytes(), 0, chunk.size());
      writer.append(packed, 0, packed.length);
    }
    chunk.reset();
  }

  /**
   * A growable byte buffer used by one thread at a time: unlike ByteArrayOutputStream it takes no
   * lock per write, which matters when an encoder writes a few bytes at a time.
   */
  private static final class Chunk extends OutputStream {
    private byte[] buf;
    private int count;

    Chunk(int capacity) {
      buf = new byte[capacity];
    }

    @Override
    public void write(int b) {
      if (count == buf.length) {
        grow(1);
      }
      buf[count++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      if (count + len > buf.length) {
        grow(len);
      }
      System.arraycopy(b, off, buf, count, len);
      count += len;
    }

    byte[] bytes() {
      return buf;
    }

    int size() {
      return count;
    }

    void reset() {
      count = 0;
    }

    private void grow(int needed) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, count + needed));
    }
  }
}
