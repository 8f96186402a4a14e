package io.dynamodbbackup.format;

import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;

/**
 * Reports {@code available() > 0} whenever a byte remains, blocking to find out if it must. A
 * stream that reports 0 at a gzip member boundary would otherwise end the gzip stream early.
 */
final class EofAwareInputStream extends PushbackInputStream {

  EofAwareInputStream(InputStream in) {
    super(in, 1);
  }

  @Override
  public int available() throws IOException {
    int available = super.available();
    if (available > 0) {
      return available;
    }
    int next = read();
    if (next < 0) {
      return 0;
    }
    unread(next);
    return 1;
  }
}
