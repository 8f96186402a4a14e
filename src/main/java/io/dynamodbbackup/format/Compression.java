package io.dynamodbbackup.format;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdInputStream;
import com.github.luben.zstd.ZstdOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * How the bytes of a backup file are compressed. A backup compresses each chunk on its own and
 * concatenates the results, so the decompressing streams read any number of gzip members or zstd
 * frames, as {@code gzip -d} and {@code zstd -d} do.
 */
public enum Compression {
  NONE("none", "") {
    @Override
    public OutputStream compress(OutputStream out) {
      return out;
    }

    @Override
    public InputStream decompress(InputStream in) {
      return in;
    }

    @Override
    public byte[] compress(byte[] chunk, int off, int len) {
      return Arrays.copyOfRange(chunk, off, off + len);
    }
  },
  GZIP("gzip", ".gz") {
    @Override
    public OutputStream compress(OutputStream out) throws IOException {
      return new GZIPOutputStream(out, BUFFER_SIZE);
    }

    @Override
    public InputStream decompress(InputStream in) throws IOException {
      // GZIPInputStream only looks for a next member when available() > 0, which a network
      // stream may report at a member boundary; EofAwareInputStream answers it truthfully.
      return new GZIPInputStream(new EofAwareInputStream(in), BUFFER_SIZE);
    }

    @Override
    public byte[] compress(byte[] chunk, int off, int len) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream(len / 4 + 64);
      try (GZIPOutputStream gzip = new GZIPOutputStream(bytes, BUFFER_SIZE)) {
        gzip.write(chunk, off, len);
      } catch (IOException e) {
        throw new UncheckedIOException("gzip into memory cannot fail", e);
      }
      return bytes.toByteArray();
    }
  },
  ZSTD("zstd", ".zst") {
    @Override
    public OutputStream compress(OutputStream out) throws IOException {
      return new ZstdOutputStream(out, ZSTD_LEVEL);
    }

    @Override
    public InputStream decompress(InputStream in) throws IOException {
      // ZstdInputStream continues with the next frame when one ends.
      return new ZstdInputStream(in);
    }

    @Override
    public byte[] compress(byte[] chunk, int off, int len) {
      byte[] dst = new byte[Math.toIntExact(Zstd.compressBound(len))];
      long size = Zstd.compressByteArray(dst, 0, dst.length, chunk, off, len, ZSTD_LEVEL);
      if (Zstd.isError(size)) {
        throw new IllegalStateException("zstd failed: " + Zstd.getErrorName(size));
      }
      return Arrays.copyOf(dst, (int) size);
    }
  };

  private static final int BUFFER_SIZE = 64 * 1024;
  private static final int ZSTD_LEVEL = 3;

  private final String cliName;
  private final String suffix;

  Compression(String cliName, String suffix) {
    this.cliName = cliName;
    this.suffix = suffix;
  }

  /**
   * Wraps {@code out}; closing the result finishes the member or frame and closes {@code out}. NONE
   * returns {@code out} itself.
   */
  public abstract OutputStream compress(OutputStream out) throws IOException;

  /** Wraps {@code in}, reading all concatenated members or frames. NONE returns {@code in}. */
  public abstract InputStream decompress(InputStream in) throws IOException;

  /** Compresses one whole chunk into one gzip member or zstd frame (NONE copies it). */
  public abstract byte[] compress(byte[] chunk, int off, int len);

  /** The name used on the command line and in the manifest. */
  public String cliName() {
    return cliName;
  }

  /**
   * What the file name gets after the format's extension: {@code ""}, {@code .gz}, {@code .zst}.
   */
  String suffix() {
    return suffix;
  }

  /** Parses a command-line name; the error names the bad value and the valid ones. */
  public static Compression fromCliName(String name) {
    for (Compression compression : values()) {
      if (compression.cliName.equals(name)) {
        return compression;
      }
    }
    throw new IllegalArgumentException(
        String.format(
            Locale.ROOT,
            "unknown compression \"%s\"; valid compressions: %s",
            name,
            Arrays.stream(values()).map(Compression::cliName).collect(Collectors.joining(", "))));
  }

  /**
   * Recognises gzip ({@code 1f 8b}) and zstd ({@code 28 b5 2f fd}) by their magic bytes in the
   * first {@code len} bytes of a file; anything else is NONE.
   */
  public static Compression detect(byte[] firstBytes, int len) {
    if (len >= 2 && firstBytes[0] == (byte) 0x1f && firstBytes[1] == (byte) 0x8b) {
      return GZIP;
    }
    if (len >= 4
        && firstBytes[0] == (byte) 0x28
        && firstBytes[1] == (byte) 0xb5
        && firstBytes[2] == (byte) 0x2f
        && firstBytes[3] == (byte) 0xfd) {
      return ZSTD;
    }
    return NONE;
  }
}
