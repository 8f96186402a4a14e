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
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Turns each segment's pages, as the bytes DynamoDB sent, into lines on the segment's own thread,
 * and hands them to the object writer in chunks of about {@code chunkSize} bytes, each compressed
 * on its own. Encoding and compression run in parallel; only the append to the shared part is
 * serialised. A segment's buffer lives only while the segment is being scanned, so memory grows
 * with threads, not with segments.
 */
final class SegmentEncoder implements PageConsumer {

  private final ItemEncoder encoder;
  private final Compression compression;
  private final ObjectWriter writer;
  private final int chunkSize;
  private final Map<Integer, LineBuffer> chunks = new ConcurrentHashMap<>();
  private final LongAdder items = new LongAdder();

  SegmentEncoder(ItemEncoder encoder, Compression compression, ObjectWriter writer, int chunkSize) {
    this.encoder = encoder;
    this.compression = compression;
    this.writer = writer;
    this.chunkSize = chunkSize;
  }

  @Override
  public void page(int segment, RawItems page, Map<String, AttributeValue> nextKey)
      throws Exception {
    LineBuffer chunk =
        chunks.computeIfAbsent(segment, s -> new LineBuffer(chunkSize + chunkSize / 4));
    byte[] body = page.body();
    for (int i = 0; i < page.count(); i++) {
      encoder.encode(body, page.start(i), page.end(i), chunk);
    }
    items.add(page.count());
    if (chunk.size() >= chunkSize) {
      flush(chunk);
    }
  }

  @Override
  public void segmentDone(int segment) throws Exception {
    LineBuffer chunk = chunks.remove(segment);
    if (chunk != null && chunk.size() > 0) {
      flush(chunk);
    }
  }

  /** Items encoded so far. */
  long items() {
    return items.sum();
  }

  private void flush(LineBuffer chunk) throws Exception {
    if (compression == Compression.NONE) {
      writer.append(chunk.bytes(), 0, chunk.size());
    } else {
      byte[] packed = compression.compress(chunk.bytes(), 0, chunk.size());
      writer.append(packed, 0, packed.length);
    }
    chunk.reset();
  }
}
