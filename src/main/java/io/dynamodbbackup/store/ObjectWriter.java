package io.dynamodbbackup.store;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.LongConsumer;

/**
 * Assembles independently produced chunks into the parts of one object. Chunks from parallel
 * segments may arrive in any order; each is appended whole, so the object is a concatenation of
 * chunks and the SHA-256 and byte count describe exactly the bytes stored. Memory holds one part
 * being filled plus whatever the sink keeps in flight.
 *
 * <p>The original tool wrote no newline after its last line. To write such files, the writer can
 * hold back the last byte of every sealed part, carrying it into the next one, so that a final line
 * feed can still be dropped when the object completes.
 *
 * <p>A resumed object starts after the parts an interrupted run stored. Its SHA-256 then covers
 * only the bytes this writer saw, so {@link WrittenObject#sha256()} is null and the caller reads
 * the stored object back for it.
 */
public final class ObjectWriter {

  private final ObjectSink sink;
  private final PartSizes partSizes;
  private final int maxParts;
  private final boolean trimFinalNewline;
  private final MessageDigest sha256;
  private final boolean sawEveryByte;
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
    this(sink, partSizes, maxParts, trimFinalNewline, Upload.NONE);
  }

  /**
   * A writer that goes on after the parts {@code stored} holds. With {@code trimFinalNewline}, the
   * byte held back from the last stored part is the line feed that ends every chunk, so it is put
   * back here.
   */
  public ObjectWriter(
      ObjectSink sink, PartSizes partSizes, int maxParts, boolean trimFinalNewline, Upload stored) {
    this.sink = sink;
    this.partSizes = partSizes;
    this.maxParts = maxParts;
    this.trimFinalNewline = trimFinalNewline;
    this.sha256 = newSha256();
    this.partNumber = stored.parts().size();
    this.bytes = stored.bytes();
    this.sawEveryByte = partNumber == 0;
    this.part = new byte[partSizes.sizeOf(partNumber + 1) + 1];
    if (trimFinalNewline && partNumber > 0) {
      part[filled++] = '\n';
    }
  }

  /** Every part {@code partSize} bytes. */
  public ObjectWriter(ObjectSink sink, int partSize, int maxParts, boolean trimFinalNewline) {
    this(sink, PartSizes.fixed(partSize), maxParts, trimFinalNewline);
  }

  /** Appends one whole chunk; blocks while the sink has too many parts in flight. */
  public long append(byte[] chunk, int offset, int length) throws IOException {
    return append(chunk, offset, length, end -> {});
  }

  /**
   * Appends one whole chunk; blocks while the sink has too many parts in flight.
   *
   * @param placed told where the chunk ends in the object (as if no byte were held back) before any
   *     part holding it goes to the sink: the chunk is stored once the parts stored reach {@link
   *     #chunksEndAt} this offset
   * @return where the chunk ends
   */
  public synchronized long append(byte[] chunk, int offset, int length, LongConsumer placed)
      throws IOException {
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
    long end = bytes + filled;
    placed.accept(end);
    if (filled - held >= partSizes.sizeOf(partNumber + 1)) {
      seal(filled - held);
    }
    return end;
  }

  /**
   * Where the last chunk in parts 1 to n ends, given the bytes those parts hold: a part ends where
   * a chunk ends, less the byte held back for the final newline, which the next part carries.
   */
  public long chunksEndAt(long storedBytes) {
    return storedBytes == 0 || !trimFinalNewline ? storedBytes : storedBytes + 1;
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
    String hex = sawEveryByte ? HexFormat.of().formatHex(sha256.digest()) : null;
    return new WrittenObject(bytes, hex, partNumber, stored);
  }

  /** Discards the object; safe to call at any time, more than once. */
  public void abort() {
    synchronized (this) {
      closed = true;
      part = null;
    }
    sink.abort();
  }

  /** Stops writing and keeps what the store holds, for a resume; safe to call at any time. */
  public void suspend() {
    synchronized (this) {
      closed = true;
      part = null;
    }
    sink.suspend();
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
