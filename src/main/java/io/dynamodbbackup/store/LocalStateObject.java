package io.dynamodbbackup.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Optional;

/**
 * A state file. A small state (a restore's checkpoint, written many times a second) overwrites the
 * file in place with one write at its start, padded with spaces to the file's length: one write
 * within one disk sector, which a kill cannot tear and which costs a tenth of creating and renaming
 * a file. A larger one goes to a temporary file renamed over it.
 */
public final class LocalStateObject implements StateObject {

  /** One disk sector: a write no larger, at the file's start, lands whole or not at all. */
  static final int IN_PLACE_LIMIT = 512;

  private final Path path;

  public LocalStateObject(Path path) {
    this.path = path;
  }

  @Override
  public Optional<byte[]> read() throws IOException {
    return Files.isRegularFile(path) ? Optional.of(Files.readAllBytes(path)) : Optional.empty();
  }

  @Override
  public void write(byte[] bytes) throws IOException {
    if (bytes.length <= IN_PLACE_LIMIT && overwroteInPlace(bytes)) {
      return;
    }
    Path next = path.resolveSibling(path.getFileName() + ".next");
    Files.createDirectories(path.getParent());
    Files.write(next, bytes);
    Files.move(next, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  /** Overwrites a small existing file in place; false when there is none to overwrite. */
  private boolean overwroteInPlace(byte[] bytes) throws IOException {
    if (!Files.isRegularFile(path)) {
      return false;
    }
    try (FileChannel file = FileChannel.open(path, StandardOpenOption.WRITE)) {
      long length = file.size();
      if (length > IN_PLACE_LIMIT) {
        return false;
      }
      // Spaces after the JSON cover a longer state before it; JSON readers skip them.
      byte[] padded = bytes.length >= length ? bytes : Arrays.copyOf(bytes, (int) length);
      Arrays.fill(padded, bytes.length, padded.length, (byte) ' ');
      ByteBuffer buffer = ByteBuffer.wrap(padded);
      while (buffer.hasRemaining()) {
        file.write(buffer, buffer.position());
      }
      return true;
    }
  }

  @Override
  public void delete() throws IOException {
    Files.deleteIfExists(path);
  }

  @Override
  public String uri() {
    return path.toString();
  }
}
