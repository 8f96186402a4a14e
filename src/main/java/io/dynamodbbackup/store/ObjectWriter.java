package io.dynamodbbackup.store;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Assembles independently produced chunks into the parts of one object. Chunks from parallel
 * segments may arrive in any order; each is appended whole, so the object is a concatenation of
 * chunks and the SHA-256 and byte count describe exactly the bytes stored. Memory holds one part
 * being filled plus whatever the sink keeps in flight.
 *
 * <p>The original tool wrote no newline after its last line. To write such files, the writer can
 * hold back the last byte of every sealed part, carrying it into the next one, so that a final line
 * feed can still be dropped when the object completes.
 */
public final class ObjectWriter {

  private final ObjectSink sink;
  private final PartSizes partSizes;
  private final int maxParts;
  private final boolean trimFinalNewline;
  private final MessageDigest sha256;
  private byte[] part;
  private int filled;
  private int partNumber;
  private long bytes;
  private boolean closed;

  /**
   * @param partSizes the size at which each part is sealed and handed to the sink
   * @param maxParts the most parts the sink accepts (10,000 for S3)
   * @param trimFinalNewline drop a line feed that ends the object
   */
  public ObjectWriter(
      ObjectSink sink, PartSizes partSizes, int maxParts, boolean trimFinalNewline) {
    this.sink = sink;
    this.partSizes = partSizes;
    this.maxParts = maxParts;
    this.trimFinalNewline = trimFinalNewline;
    this.sha256 = newSha256();
    this.part = new byte[partSizes.sizeOf(1) + 1];
  }

  /** Every part {@code partSize} bytes. */
  public ObjectWriter(ObjectSink sink, int partSize, int maxParts, boolean trimFinalNewline) {
    this(sink, PartSizes.fixed(partSize), maxParts, trimFinalNewline);
  }

  /** Appends one whole chunk; blocks while the sink has too many parts in flight. */
  public synchronized void append(byte[] chunk, int offset, int length) throws IOException {
    if (closed) {
      throw new IllegalStateException("object already completed or aborted");
    }
    if (filled + length > part.length) {
      byte[] bigger = new byte[Math.max(part.length * 2, filled + length)];
      System.arraycopy(part, 0, bigger, 0, filled);
      part = bigger;
    }
    System.arraycopy(chunk, offset, part, filled, length);
    filled += length;
    int held = trimFinalNewline ? 1 : 0;
    if (filled - held >= partSizes.sizeOf(partNumber + 1)) {
      seal(filled - held);
    }
  }

  /** Stores the last part and completes the object. */
  public synchronized WrittenObject complete() throws IOException {
    if (closed) {
      throw new IllegalStateException("object already completed or aborted");
    }
    if (trimFinalNewline && filled > 0 && part[filled - 1] == '\n') {
      filled--;
    }
    if (filled > 0 || partNumber == 0) {
      seal(filled);
    }
    closed = true;
    part = null;
    StoredObject stored = sink.complete(bytes);
    return new WrittenObject(bytes, HexFormat.of().formatHex(sha256.digest()), partNumber, stored);
  }

  /** Discards the object; safe to call at any time, more than once. */
  public void abort() {
    synchronized (this) {
      closed = true;
      part = null;
    }
    sink.abort();
  }

  /** Bytes stored or waiting to be, for progress reports. */
  public synchronized long bytes() {
    return bytes + filled;
  }

  /** Hands the first {@code length} bytes to the sink as the next part, keeping the rest. */
  private void seal(int length) throws IOException {
    if (partNumber == maxParts) {
      throw new IOException(
          "the object needs more than "
              + maxParts
              + " parts of up to "
              + partSizes.max()
              + " bytes (more than "
              + partSizes.capacity(maxParts)
              + " bytes); raise --part-size-mb and the memory");
    }
    partNumber++;
    byte[] full = part;
    int rest = filled - length;
    part = new byte[Math.max(partSizes.sizeOf(partNumber + 1) + 1, rest)];
    System.arraycopy(full, length, part, 0, rest);
    filled = rest;
    sha256.update(full, 0, length);
    bytes += length;
    sink.writePart(partNumber, full, length);
  }

  private static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
