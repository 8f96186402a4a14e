package io.dynamodbbackup.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/** A state file; each write goes to a temporary file renamed over it. */
public final class LocalStateObject implements StateObject {

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
    Path next = path.resolveSibling(path.getFileName() + ".next");
    Files.createDirectories(path.getParent());
    Files.write(next, bytes);
    Files.move(next, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
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
