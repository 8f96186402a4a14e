package io.dynamodbbackup.format;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Base64;

/**
 * Encodes what it is given as one unwrapped, padded standard Base64 run. {@link #finish()} writes
 * the last group; closing does nothing, so {@code out} stays open for the rest of the file.
 */
final class Base64OutputStream extends OutputStream {

  // A multiple of 3, so that every full block encodes without padding.
  private static final int BLOCK = 3 * 1024;
  private static final Base64.Encoder ENCODER = Base64.getEncoder();

  private final OutputStream out;
  private final byte[] block = new byte[BLOCK];
  private final byte[] encoded = new byte[BLOCK / 3 * 4];
  private int count;

  Base64OutputStream(OutputStream out) {
    this.out = out;
  }

  @Override
  public void write(int b) throws IOException {
    if (count == BLOCK) {
      writeFullBlock();
    }
    block[count++] = (byte) b;
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    while (len > 0) {
      if (count == BLOCK) {
        writeFullBlock();
      }
      int n = Math.min(len, BLOCK - count);
      System.arraycopy(b, off, block, count, n);
      count += n;
      off += n;
      len -= n;
    }
  }

  private void writeFullBlock() throws IOException {
    int n = ENCODER.encode(block, encoded);
    out.write(encoded, 0, n);
    count = 0;
  }

  /** Writes the remaining bytes with padding. */
  void finish() throws IOException {
    if (count == BLOCK) {
      writeFullBlock();
    } else if (count > 0) {
      int n = ENCODER.encode(Arrays.copyOf(block, count), encoded);
      out.write(encoded, 0, n);
      count = 0;
    }
  }

  @Override
  public void flush() {}

  @Override
  public void close() {}
}
