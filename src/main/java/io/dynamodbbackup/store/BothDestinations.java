package io.dynamodbbackup.store;

import java.io.IOException;

/**
 * Writes every object to a primary destination and keeps a copy in a second one; URIs name the
 * primary.
 */
public final class BothDestinations implements Destination {

  private final Destination primary;
  private final Destination copy;

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
  public ObjectSink openObject(String key, String contentType) throws IOException {
    ObjectSink first = primary.openObject(key, contentType);
    ObjectSink second;
    try {
      second = copy.openObject(key, contentType);
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
      public void complete(long totalBytes) throws IOException {
        second.complete(totalBytes);
        first.complete(totalBytes);
      }

      @Override
      public void abort() {
        first.abort();
        second.abort();
      }
    };
  }

  @Override
  public void put(String key, byte[] bytes, String contentType) throws IOException {
    copy.put(key, bytes, contentType);
    primary.put(key, bytes, contentType);
  }

  @Override
  public void delete(String key) throws IOException {
    primary.delete(key);
    copy.delete(key);
  }

  @Override
  public String uri(String key) {
    return primary.uri(key);
  }
}
