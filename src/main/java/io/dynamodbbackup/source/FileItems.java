package io.dynamodbbackup.source;

import io.dynamodbbackup.JobFailedException;
import io.dynamodbbackup.format.ChangeFileReader;
import io.dynamodbbackup.format.ChangeRecord;
import io.dynamodbbackup.format.Compression;
import io.dynamodbbackup.format.CorruptBackupException;
import io.dynamodbbackup.format.DynamodumpPage;
import io.dynamodbbackup.format.ItemBytes;
import io.dynamodbbackup.format.ItemFileReader;
import io.dynamodbbackup.format.ItemJson;
import io.dynamodbbackup.format.ItemReader;
import io.dynamodbbackup.format.RecordReader;
import io.dynamodbbackup.store.ObjectSource;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Streams the items of data files on the one reader thread: the stored bytes pass a digest, the
 * compression is recognised by its magic bytes, and the lines are decoded by {@link
 * ItemFileReader}. At the end of each file its item count and digest are compared with what its
 * manifest records. Errors name the file, and the line where there is one.
 */
public final class FileItems {

  /** Takes each item read; may block (back-pressure) and be interrupted. */
  public interface ItemSink {
    void accept(Map<String, AttributeValue> item) throws Exception;
  }

  /** Takes each item read as bytes; may block (back-pressure) and be interrupted. */
  public interface BytesSink {
    void accept(ItemBytes item) throws Exception;
  }

  /** Takes each change record read; may block (back-pressure) and be interrupted. */
  public interface ChangeSink {
    void accept(ChangeRecord change) throws Exception;
  }

  private interface Sink<T> {
    void accept(T value) throws Exception;
  }

  private static final int BUFFER_SIZE = 64 * 1024;

  private final ObjectSource source;
  private final LongAdder bytes = new LongAdder();

  public FileItems(ObjectSource source) {
    this.source = source;
  }

  /** Stored bytes read so far, for progress reports from another thread. */
  public long bytesRead() {
    return bytes.sum();
  }

  /** Reads every item of {@code file} into {@code sink}, then checks count and digest. */
  public void read(DataFile file, ItemSink sink) throws Exception {
    if (file.changes()) {
      throw new IOException(
          source.uri(file.key()) + " holds the change records of an incremental export, not items");
    }
    stream(file, (in, uri) -> items(file, in, uri), sink::accept);
  }

  /**
   * Reads every item of {@code file} into {@code sink} as strict typed JSON with its key (see
   * {@link ItemFileReader#nextBytes}), then checks count and digest.
   *
   * @param keyNames the UTF-8 names of the table's key attributes ({@link ItemBytes#names})
   */
  public void readBytes(DataFile file, byte[][] keyNames, BytesSink sink) throws Exception {
    if (file.changes()) {
      throw new IOException(
          source.uri(file.key()) + " holds the change records of an incremental export, not items");
    }
    stream(file, (in, uri) -> itemBytes(file, in, uri, keyNames), sink::accept);
  }

  /**
   * Reads every change record of an incremental export's {@code file} into {@code sink}, then
   * checks count and digest.
   */
  public void readChanges(DataFile file, ChangeSink sink) throws Exception {
    if (!file.changes()) {
      throw new IOException(
          source.uri(file.key()) + " holds items, not the change records of an incremental export");
    }
    stream(file, ChangeFileReader::new, sink::accept);
  }

  private <T> void stream(DataFile file, Opener<T> opener, Sink<T> sink) throws Exception {
    String uri = source.uri(file.key());
    MessageDigest digest = file.digestAlgorithm() == null ? null : digest(file.digestAlgorithm());
    long items = 0;
    try (InputStream raw = source.open(file.key())) {
      InputStream counted = new Counting(raw, bytes);
      BufferedInputStream stored =
          new BufferedInputStream(
              digest == null ? counted : new DigestInputStream(counted, digest), BUFFER_SIZE);
      stored.mark(4);
      byte[] magic = stored.readNBytes(4);
      stored.reset();
      Compression compression = Compression.detect(magic, magic.length);
      RecordReader<T> reader = opener.open(compression.decompress(stored), uri);
      try {
        T value;
        while ((value = reader.next()) != null) {
          items++;
          sink.accept(value);
        }
      } catch (CorruptBackupException e) {
        throw e;
      } catch (EOFException e) {
        throw new CorruptBackupException(
            uri,
            reader.lineNumber() + 1,
            "the file ends early: its "
                + compression.cliName()
                + " data is truncated (an incomplete upload or copy?)",
            e);
      } catch (IOException e) {
        if (e.getClass().getName().startsWith("java.util.zip")
            || e.getClass().getName().contains("Zstd")) {
          throw new CorruptBackupException(
              uri,
              reader.lineNumber() + 1,
              "invalid " + compression.cliName() + " data: " + JobFailedException.reason(e),
              e);
        }
        throw new IOException("reading " + uri + " failed: " + JobFailedException.reason(e), e);
      }
      // Bytes after the last compressed member still belong to the stored object.
      stored.transferTo(OutputStream.nullOutputStream());
    }
    if (file.itemCount() != null && items != file.itemCount()) {
      throw new IOException(
          uri
              + ": holds "
              + items
              + " items but "
              + file.recordedBy()
              + " records "
              + file.itemCount()
              + "; the file is damaged or not the one the manifest describes");
    }
    if (digest != null) {
      byte[] actual = digest.digest();
      String text =
          file.digestAlgorithm().equals("MD5")
              ? Base64.getEncoder().encodeToString(actual)
              : HexFormat.of().formatHex(actual);
      if (!text.equals(file.expectedDigest())) {
        throw new IOException(
            uri
                + ": checksum mismatch: "
                + file.digestAlgorithm()
                + " of the stored bytes is "
                + text
                + " but "
                + file.recordedBy()
                + " records "
                + file.expectedDigest()
                + "; the file is damaged or not the one the manifest describes");
      }
    }
  }

  /** The reader of a file of items, as its layout says. */
  private static ItemReader items(DataFile file, InputStream plain, String uri) throws IOException {
    return switch (file.layout()) {
      case LINES -> new ItemFileReader(plain, uri, file.format());
      case DYNAMODUMP_PAGE -> new DynamodumpPage(plain, uri, false);
      case DYNAMODUMP_PAGE_REPAIRED -> new DynamodumpPage(plain, uri, true);
      case CHANGES -> throw new IllegalStateException("change records are read by readChanges");
    };
  }

  /**
   * The reader of a file of items as bytes: lines of this tool's formats are copied as they are,
   * other layouts are read as objects and written as JSON.
   */
  private static RecordReader<ItemBytes> itemBytes(
      DataFile file, InputStream plain, String uri, byte[][] keyNames) throws IOException {
    if (file.layout() == DataFile.Layout.LINES) {
      ItemFileReader lines = new ItemFileReader(plain, uri, file.format());
      return new RecordReader<>() {
        @Override
        public ItemBytes next() throws IOException {
          return lines.nextBytes(keyNames);
        }

        @Override
        public long lineNumber() {
          return lines.lineNumber();
        }

        @Override
        public void close() throws IOException {
          lines.close();
        }
      };
    }
    ItemReader items = items(file, plain, uri);
    return new RecordReader<>() {
      @Override
      public ItemBytes next() throws IOException {
        Map<String, AttributeValue> item = items.next();
        return item == null ? null : ItemBytes.of(ItemJson.toBytes(item), keyNames);
      }

      @Override
      public long lineNumber() {
        return items.lineNumber();
      }

      @Override
      public void close() throws IOException {
        items.close();
      }
    };
  }

  private interface Opener<T> {
    RecordReader<T> open(InputStream uncompressed, String uri) throws IOException;
  }

  private static MessageDigest digest(String algorithm) {
    try {
      return MessageDigest.getInstance(algorithm);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has " + algorithm, e);
    }
  }

  /** Counts the bytes that pass, for progress. */
  private static final class Counting extends FilterInputStream {
    private final LongAdder count;

    Counting(InputStream in, LongAdder count) {
      super(in);
      this.count = count;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count.increment();
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        count.add(n);
      }
      return n;
    }
  }
}
