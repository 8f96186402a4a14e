package io.dynamodbbackup.store;

import java.io.IOException;

/**
 * Writes every object to a primary destination (S3) and keeps a copy in a second one (a folder);
 * URIs name the primary. The copy of a data object is completed only when the next object, its
 * manifest, has been stored in the primary, so a local file never looks complete before the S3
 * backup is; deleting a key removes both copies and discards a copy still pending.
 */
public final class BothDestinations implements Destination {

  private final Destination primary;
  private final Destination copy;
  private PendingCopy pending; // guarded by this

  private record PendingCopy(String key, ObjectSink sink, long bytes) {}

  public BothDestinations(Destination primary, Destination copy) {
    this.primary = primary;
    this.copy = copy;
  }

  @Override
  public void checkWritable() throws IOException {
    primary.checkWritable();
    copy.checkWritable();
  }

  @Override
  public ObjectSink openObject(
      String key, String contentType, Upload stored, UploadListener listener) throws IOException {
    // The copy is written first, so a part the primary confirms is already in the copy.
    ObjectSink first = primary.openObject(key, contentType, stored, listener);
    ObjectSink second;
    try {
      second =
          copy.openObject(key, contentType, new Upload(null, stored.parts()), UploadListener.NONE);
    } catch (IOException | RuntimeException e) {
      first.abort();
      throw e;
    }
    return new ObjectSink() {
      @Override
      public void writePart(int partNumber, byte[] data, int length) throws IOException {
        second.writePart(partNumber, data, length);
        first.writePart(partNumber, data, length);
      }

      @Override
      public StoredObject complete(long totalBytes) throws IOException {
        StoredObject stored = first.complete(totalBytes);
        synchronized (BothDestinations.this) {
          pending = new PendingCopy(key, second, totalBytes);
        }
        return stored;
      }

      @Override
      public void abort() {
        first.abort();
        second.abort();
      }

      @Override
      public void suspend() {
        first.suspend();
        second.suspend();
      }
    };
  }

  @Override
  public ObjectSource source() {
    return primary.source();
  }

  @Override
  public StoredObject put(String key, byte[] bytes, String contentType) throws IOException {
    StoredObject stored = primary.put(key, bytes, contentType);
    PendingCopy waiting = takePending(null);
    if (waiting != null) {
      waiting.sink().complete(waiting.bytes());
    }
    copy.put(key, bytes, contentType);
    return stored;
  }

  @Override
  public boolean exists(String key) throws IOException {
    return primary.exists(key) || copy.exists(key);
  }

  @Override
  public void delete(String key) throws IOException {
    PendingCopy waiting = takePending(key);
    if (waiting != null) {
      waiting.sink().abort();
    }
    primary.delete(key);
    copy.delete(key);
  }

  @Override
  public String uri(String key) {
    return primary.uri(key);
  }

  /** The pending copy (of {@code key}, or of any key when null), no longer pending. */
  private synchronized PendingCopy takePending(String key) {
    PendingCopy p = pending;
    if (p == null || (key != null && !p.key().equals(key))) {
      return null;
    }
    pending = null;
    return p;
  }
}
