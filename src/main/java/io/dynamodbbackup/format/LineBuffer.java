package io.dynamodbbackup.format;

import java.util.Arrays;

/**
 * A growable byte buffer that encoders write lines into, used by one thread at a time. Unlike
 * ByteArrayOutputStream it takes no lock per write and lets the encoders write into its array
 * directly.
 */
public final class LineBuffer {

  byte[] buf;
  int count;

  public LineBuffer(int capacity) {
    buf = new byte[capacity];
  }

  public byte[] bytes() {
    return buf;
  }

  public int size() {
    return count;
  }

  public void reset() {
    count = 0;
  }

  /** Makes room for {@code more} bytes past {@link #size()}. */
  void ensure(int more) {
    if (count + more > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, count + more));
    }
  }

  void put(byte b) {
    ensure(1);
    buf[count++] = b;
  }

  void put(byte[] b, int off, int len) {
    ensure(len);
    System.arraycopy(b, off, buf, count, len);
    count += len;
  }
}
