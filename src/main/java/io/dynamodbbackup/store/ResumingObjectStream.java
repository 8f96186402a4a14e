package io.dynamodbbackup.store;

import io.dynamodbbackup.retry.Faults;
import io.dynamodbbackup.retry.Retrier;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * An S3 object read as one stream although its connection may break: a read that fails midway
 * reopens the object with a ranged GET from the byte reached, pinned to the same object by its
 * ETag, so the reader (and the digest running over it) sees every byte once and in order. A stream
 * closed early, or after a failure, is aborted rather than drained.
 */
final class ResumingObjectStream extends InputStream {

  private final S3Client s3;
  private final S3Location target;
  private final Retrier retrier;
  private ResponseInputStream<GetObjectResponse> current;
  private final String etag;
  private final long length;
  private long position;

  ResumingObjectStream(
      S3Client s3,
      S3Location target,
      Retrier retrier,
      ResponseInputStream<GetObjectResponse> first) {
    this.s3 = s3;
    this.target = target;
    this.retrier = retrier;
    this.current = first;
    this.etag = first.response().eTag();
    Long contentLength = first.response().contentLength();
    this.length = contentLength == null ? -1 : contentLength;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] buffer, int offset, int count) throws IOException {
    while (true) {
      try {
        int n = current.read(buffer, offset, count);
        if (n > 0) {
          position += n;
        } else if (n < 0 && length >= 0 && position < length) {
          throw new IOException(
              "the connection ended at byte " + position + " of " + length + " of " + target);
        }
        return n;
      } catch (IOException e) {
        resume(e);
      }
    }
  }

  @Override
  public void close() {
    if (length < 0 || position < length) {
      current.abort();
    }
    try {
      current.close();
    } catch (IOException e) {
      // Already aborted or fully read: nothing is lost by ignoring a failed close.
    }
  }

  private void resume(IOException cause) throws IOException {
    current.abort();
    if (!Faults.isRetryable(new UncheckedIOException(cause))) {
      throw cause;
    }
    long from = position;
    try {
      current =
          retrier.call(
              "GetObject " + target + " from byte " + from,
              () ->
                  s3.getObject(
                      r ->
                          r.bucket(target.bucket())
                              .key(target.key())
                              .range("bytes=" + from + "-")
                              .ifMatch(etag)));
    } catch (RuntimeException e) {
      e.addSuppressed(cause);
      throw new IOException(
          "reading " + target + " broke at byte " + from + " and could not resume", e);
    }
  }
}
