package io.dynamodbbackup.format;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CompressionTest {

  private static final byte[] FIRST = "first chunk\n".repeat(1000).getBytes(UTF_8);
  private static final byte[] SECOND = "second chunk\n".repeat(3).getBytes(UTF_8);

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }

  /** Like a network stream: returns a few bytes per read and never claims more are available. */
  private static InputStream trickle(byte[] bytes) {
    return new FilterInputStream(new ByteArrayInputStream(bytes)) {
      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        return super.read(b, off, Math.min(len, 7));
      }

      @Override
      public int available() {
        return 0;
      }
    };
  }

  @ParameterizedTest
  @EnumSource(Compression.class)
  void independentlyCompressedChunks_decompressToTheirConcatenation(Compression compression)
      throws IOException {
    byte[] file =
        concat(
            compression.compress(FIRST, 0, FIRST.length),
            compression.compress(SECOND, 0, SECOND.length));
    try (InputStream in = compression.decompress(trickle(file))) {
      assertThat(in.readAllBytes()).isEqualTo(concat(FIRST, SECOND));
    }
  }

  @ParameterizedTest
  @EnumSource(Compression.class)
  void compressChunk_usesOnlyTheGivenRange(Compression compression) throws IOException {
    byte[] padded = concat("xx".getBytes(UTF_8), SECOND, "yy".getBytes(UTF_8));
    byte[] chunk = compression.compress(padded, 2, SECOND.length);
    try (InputStream in = compression.decompress(new ByteArrayInputStream(chunk))) {
      assertThat(in.readAllBytes()).isEqualTo(SECOND);
    }
  }

  @ParameterizedTest
  @EnumSource(Compression.class)
  void streamingCompression_roundTripsAndIsDetectedByMagicBytes(Compression compression)
      throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (OutputStream out = compression.compress(bytes)) {
      out.write(FIRST);
    }
    byte[] file = bytes.toByteArray();
    assertThat(Compression.detect(file, file.length)).isEqualTo(compression);
    try (InputStream in = compression.decompress(new ByteArrayInputStream(file))) {
      assertThat(in.readAllBytes()).isEqualTo(FIRST);
    }
  }

  @Test
  void detect_needsTheWholeMagicWithinLen() {
    byte[] zstdMagic = {0x28, (byte) 0xb5, 0x2f, (byte) 0xfd};
    assertThat(Compression.detect(zstdMagic, 3)).isEqualTo(Compression.NONE);
    assertThat(Compression.detect(new byte[] {0x1f, (byte) 0x8b}, 1)).isEqualTo(Compression.NONE);
    assertThat(Compression.detect(new byte[0], 0)).isEqualTo(Compression.NONE);
    assertThat(Compression.detect("eyJp".getBytes(UTF_8), 4)).isEqualTo(Compression.NONE);
  }

  @Test
  void cliNames_roundTripAndBadNamesListTheValidOnes() {
    for (Compression compression : Compression.values()) {
      assertThat(Compression.fromCliName(compression.cliName())).isEqualTo(compression);
    }
    assertThatThrownBy(() -> Compression.fromCliName("bzip2"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown compression \"bzip2\"; valid compressions: none, gzip, zstd");
  }

  @Test
  void fileFormats_nameTheirExtensionsAndDefaults() {
    assertThat(FileFormat.CSV.extension(Compression.NONE)).isEqualTo(".csv");
    assertThat(FileFormat.CSV.extension(Compression.GZIP)).isEqualTo(".csv.gz");
    assertThat(FileFormat.CSV.extension(Compression.ZSTD)).isEqualTo(".csv.zst");
    assertThat(FileFormat.DYNAMODB_JSON.extension(Compression.NONE)).isEqualTo(".json");
    assertThat(FileFormat.DYNAMODB_JSON.extension(Compression.GZIP)).isEqualTo(".json.gz");
    assertThat(FileFormat.DYNAMODB_JSON.extension(Compression.ZSTD)).isEqualTo(".json.zst");
    assertThat(FileFormat.CSV.defaultCompression()).isEqualTo(Compression.NONE);
    assertThat(FileFormat.DYNAMODB_JSON.defaultCompression()).isEqualTo(Compression.GZIP);
    assertThat(FileFormat.fromCliName("dynamodb-json")).isEqualTo(FileFormat.DYNAMODB_JSON);
    assertThat(FileFormat.fromCliName("csv")).isEqualTo(FileFormat.CSV);
    assertThatThrownBy(() -> FileFormat.fromCliName("JSON"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown file format \"JSON\"; valid formats: csv, dynamodb-json");
  }
}
