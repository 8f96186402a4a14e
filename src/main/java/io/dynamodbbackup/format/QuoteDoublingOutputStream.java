package io.dynamodbbackup.format;

import java.io.IOException;
import java.io.OutputStream;

/** Passes bytes through, doubling each {@code "} as RFC 4180 requires inside a quoted field. */
final class QuoteDoublingOutputStream extends OutputStream {

  private final OutputStream out;

  QuoteDoublingOutputStream(OutputStream out) {
    this.out = out;
  }

  @Override
  public void write(int b) throws IOException {
    if (b == '"') {
      out.write('"');
    }
    out.write(b);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    int end = off + len;
    int runStart = off;
    for (int i = off; i < end; i++) {
      if (b[i] == '"') {
        // Write the run including this quote, then start the next run at it: the quote goes twice.
        out.write(b, runStart, i + 1 - runStart);
        runStart = i;
      }
    }
    out.write(b, runStart, end - runStart);
  }

  /** Does not flush {@code out}: a line is not a reason to flush a compressor. */
  @Override
  public void flush() {}

  /** Leaves {@code out} open for the rest of the file. */
  @Override
  public void close() {}
}
