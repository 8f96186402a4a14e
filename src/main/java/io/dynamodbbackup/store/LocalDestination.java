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
 * {@code .partial} file and renamed into place only when complete. A resumed object goes on writing
 * its {@code .partial} file after the parts stored, which are forced to the disk before the
 * listener hears of them.
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
  public ObjectSink openObject(
      String key, String contentType, Upload stored, UploadListener listener) throws IOException {
    return new FileSink(resolve(key), stored.bytes(), listener);
  }

  @Override
  public ObjectSource source() {
    return new LocalObjectSource(root);
  }

  @Override
  public boolean exists(String key) {
    Path target = resolve(key);
    return Files.exists(target) || Files.exists(partial(target));
  }

  @Override
  public void delete(String key) throws IOException {
    Path target = resolve(key);
    Files.deleteIfExists(target);
    Files.deleteIfExists(partial(target));
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
    private final UploadListener listener;
    private FileChannel channel;

    /** A new file, or one that goes on after its first {@code storedBytes}. */
    FileSink(Path target, long storedBytes, UploadListener listener) throws IOException {
      this.target = target;
      this.partial = partial(target);
      this.listener = listener;
      Files.createDirectories(target.getParent());
      if (storedBytes == 0) {
        this.channel =
            FileChannel.open(
                partial,
                StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE);
        return;
      }
      long size = Files.isRegularFile(partial) ? Files.size(partial) : -1;
      if (size < storedBytes) {
        throw new IOException(
            "cannot resume "
                + partial
                + ": it holds "
                + (size < 0 ? "nothing (it is gone)" : size + " bytes")
                + ", the interrupted backup stored "
                + storedBytes);
      }
      this.channel = FileChannel.open(partial, StandardOpenOption.WRITE);
      channel.truncate(storedBytes);
      channel.position(storedBytes);
    }

    @Override
    public void writePart(int partNumber, byte[] data, int length) throws IOException {
      ByteBuffer buffer = ByteBuffer.wrap(data, 0, length);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      if (listener != UploadListener.NONE) {
        channel.force(false);
        listener.stored(new StoredPart(partNumber, length, null, null));
      }
    }

    @Override
    public void suspend() {
      try {
        channel.close();
      } catch (IOException e) {
        // What was forced to the disk is what the checkpoint records; the rest is redone.
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
