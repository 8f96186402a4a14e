package io.dynamodbbackup.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes backups under a local folder, keys becoming relative paths. An object is written to a
 * {@code .partial} file and renamed into place only when complete.
 */
public final class LocalDestination implements Destination {

  private final Path root;

  public LocalDestination(Path root) {
    this.root = root;
  }

  @Override
  public void checkWritable() throws IOException {
    Files.createDirectories(root);
    if (!Files.isWritable(root)) {
      throw new IOException("folder " + root + " is not writable");
    }
  }

  @Override
  public ObjectSink openObject(String key, String contentType) throws IOException {
    return new FileSink(resolve(key));
  }

  @Override
  public boolean exists(String key) {
    Path target = resolve(key);
    return Files.exists(target) || Files.exists(partial(target));
  }

  @Override
  public void delete(String key) throws IOException {
    Files.deleteIfExists(resolve(key));
  }

  @Override
  public String uri(String key) {
    return resolve(key).toString();
  }

  private Path resolve(String key) {
    Path path = root.resolve(key).normalize();
    if (!path.startsWith(root.normalize())) {
      throw new IllegalArgumentException("key " + key + " leaves the folder " + root);
    }
    return path;
  }

  private static Path partial(Path target) {
    return target.resolveSibling(target.getFileName() + ".partial");
  }

  private static final class FileSink implements ObjectSink {
    private final Path target;
    private final Path partial;
    private FileChannel channel;

    FileSink(Path target) throws IOException {
      this.target = target;
      this.partial = partial(target);
      Files.createDirectories(target.getParent());
      this.channel =
          FileChannel.open(
              partial,
              StandardOpenOption.CREATE,
              StandardOpenOption.TRUNCATE_EXISTING,
              StandardOpenOption.WRITE);
    }

    @Override
    public void writePart(int partNumber, byte[] data, int length) throws IOException {
      ByteBuffer buffer = ByteBuffer.wrap(data, 0, length);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
    }

    @Override
    public StoredObject complete(long totalBytes) throws IOException {
      channel.force(true);
      channel.close();
      long size = Files.size(partial);
      if (size != totalBytes) {
        Files.deleteIfExists(partial);
        throw new IOException(
            partial + " holds " + size + " bytes, " + totalBytes + " written; it was deleted");
      }
      Files.move(
          partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      return new StoredObject(size, null, null);
    }

    @Override
    public void abort() {
      try {
        channel.close();
        Files.deleteIfExists(partial);
      } catch (IOException e) {
        // Nothing better to do: the .partial name already says the file is incomplete.
      }
    }
  }
}
