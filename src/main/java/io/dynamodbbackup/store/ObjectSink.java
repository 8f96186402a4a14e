package io.dynamodbbackup.store;

import java.io.IOException;

/**
 * Where the bytes of one object go, as numbered parts. Parts arrive in order on one thread at a
 * time; the sink may store them asynchronously but must block in {@link #writePart} while too many
 * are in flight, which is how back-pressure reaches the scan.
 */
public interface ObjectSink {

  /**
   * Takes ownership of {@code data[0, length)} as part {@code partNumber} (1, 2, ...). Every part
   * but the last holds at least the minimum part size.
   */
  void writePart(int partNumber, byte[] data, int length) throws IOException;

  /**
   * Waits for every part to be stored, makes the object visible under its final name, and returns
   * what the store confirms holding there.
   *
   * @throws IOException when the store holds anything but the {@code totalBytes} written; the
   *     object is then removed
   */
  StoredObject complete(long totalBytes) throws IOException;

  /** Discards everything written; afterwards no object and no partial upload remains. */
  void abort();

  /**
   * Stops writing but keeps what the store holds (the multipart upload, the partial file), for a
   * resume; parts still in flight are cancelled. Safe to call at any time.
   */
  void suspend();
}
