package io.dynamodbbackup.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ObjectWriterTest {

  /** Records what reaches the sink. */
  private static final class RecordingSink implements ObjectSink {
    final List<byte[]> parts = new ArrayList<>();
    final List<Integer> numbers = new ArrayList<>();
    long completedWith = -1;
    boolean aborted;

    @Override
    public void writePart(int partNumber, byte[] data, int length) {
      numbers.add(partNumber);
      parts.add(Arrays.copyOf(data, length));
    }

    @Override
    public StoredObject complete(long totalBytes) {
      completedWith = totalBytes;
      return new StoredObject(totalBytes, null, null);
    }

    @Override
    public void abort() {
      aborted = true;
    }

    @Override
    public void suspend() {}

    byte[] object() {
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      parts.forEach(all::writeBytes);
      return all.toByteArray();
    }
  }

  @Test
  void parts_growAsTheSizesSay_soALargerObjectStillFits() throws Exception {
    RecordingSink sink = new RecordingSink();
    ObjectWriter writer = new ObjectWriter(sink, new PartSizes(100, 400, 3), 10_000, false);
    byte[] chunk = new byte[10];
    for (int i = 0; i < 300; i++) {
      writer.append(chunk, 0, chunk.length);
    }
    writer.complete();

    assertThat(sink.parts.subList(0, 9))
        .extracting(p -> p.length)
        .containsExactly(100, 100, 100, 200, 200, 200, 400, 400, 400);
    assertThat(sink.object()).hasSize(3_000);
  }

  @Test
  void complete_storesTheConcatenationOfChunksInNumberedPartsWithItsSha256() throws Exception {
    RecordingSink sink = new RecordingSink();
    ObjectWriter writer = new ObjectWriter(sink, 1000, 10_000, false);
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    Random random = new Random(7);
    for (int i = 0; i < 50; i++) {
      byte[] chunk = new byte[random.nextInt(700)];
      random.nextBytes(chunk);
      writer.append(chunk, 0, chunk.length);
      expected.writeBytes(chunk);
    }
    WrittenObject written = writer.complete();

    assertThat(sink.object()).isEqualTo(expected.toByteArray());
    assertThat(written.bytes()).isEqualTo(expected.size()).isEqualTo(sink.completedWith);
    assertThat(written.sha256())
        .isEqualTo(
            HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(expected.toByteArray())));
    assertThat(sink.numbers).hasSize(written.parts());
    for (int i = 0; i < sink.parts.size(); i++) {
      assertThat(sink.numbers.get(i)).isEqualTo(i + 1);
      if (i < sink.parts.size() - 1) {
        assertThat(sink.parts.get(i).length).isGreaterThanOrEqualTo(1000);
      }
    }
  }

  @Test
  void complete_ofNothingStoresOneEmptyPart() throws Exception {
    RecordingSink sink = new RecordingSink();
    WrittenObject written = new ObjectWriter(sink, 1000, 10_000, false).complete();
    assertThat(sink.parts).hasSize(1);
    assertThat(sink.parts.get(0)).isEmpty();
    assertThat(written.sha256())
        .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  }

  @Test
  void append_failsClearlyWhenThePartsRunOut() throws Exception {
    ObjectWriter writer = new ObjectWriter(new RecordingSink(), 10, 3, false);
    byte[] chunk = new byte[10];
    writer.append(chunk, 0, 10);
    writer.append(chunk, 0, 10);
    writer.append(chunk, 0, 10);
    assertThatThrownBy(() -> writer.append(chunk, 0, 10))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("more than 3 parts")
        .hasMessageContaining("--part-size");
  }

  @Test
  void trimFinalNewline_dropsOnlyTheLineFeedThatEndsTheObjectEvenAcrossParts() throws Exception {
    RecordingSink sink = new RecordingSink();
    ObjectWriter writer = new ObjectWriter(sink, 10, 10_000, true);
    byte[] line = "0123456789\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    for (int i = 0; i < 3; i++) {
      writer.append(line, 0, line.length);
      expected.writeBytes(line);
    }
    WrittenObject written = writer.complete();

    byte[] all = expected.toByteArray();
    byte[] trimmed = Arrays.copyOf(all, all.length - 1);
    assertThat(sink.object()).isEqualTo(trimmed);
    assertThat(written.bytes()).isEqualTo(trimmed.length);
    assertThat(written.sha256())
        .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(trimmed)));
    for (int i = 0; i < sink.parts.size() - 1; i++) {
      assertThat(sink.parts.get(i).length).isGreaterThanOrEqualTo(10);
    }
  }

  @Test
  void abort_reachesTheSinkAndRefusesFurtherChunks() {
    RecordingSink sink = new RecordingSink();
    ObjectWriter writer = new ObjectWriter(sink, 10, 3, false);
    writer.abort();
    assertThat(sink.aborted).isTrue();
    assertThatThrownBy(() -> writer.append(new byte[1], 0, 1))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void resumed_afterTheStoredParts_givesTheSameObjectAsOneRun_evenWithTheHeldBackNewline()
      throws Exception {
    for (boolean trim : new boolean[] {false, true}) {
      List<byte[]> chunks = new ArrayList<>();
      Random random = new Random(11);
      for (int i = 0; i < 20; i++) {
        byte[] line = new byte[1 + random.nextInt(15)];
        Arrays.fill(line, (byte) 'a');
        line[line.length - 1] = '\n';
        chunks.add(line);
      }
      RecordingSink whole = new RecordingSink();
      ObjectWriter one = new ObjectWriter(whole, 20, 10_000, trim);
      List<Long> ends = new ArrayList<>();
      for (byte[] c : chunks) {
        ends.add(one.append(c, 0, c.length));
      }
      one.complete();

      // Killed after two parts were stored: a resume goes on with the chunks not yet in them.
      List<StoredPart> stored = new ArrayList<>();
      long storedBytes = 0;
      for (int n = 1; n <= 2; n++) {
        stored.add(new StoredPart(n, whole.parts.get(n - 1).length, null, null));
        storedBytes += whole.parts.get(n - 1).length;
      }
      RecordingSink rest = new RecordingSink();
      ObjectWriter resumed =
          new ObjectWriter(rest, PartSizes.fixed(20), 10_000, trim, new Upload(null, stored));
      long chunksEnd = resumed.chunksEndAt(storedBytes);
      for (int i = 0; i < chunks.size(); i++) {
        if (ends.get(i) > chunksEnd) {
          resumed.append(chunks.get(i), 0, chunks.get(i).length);
        }
      }
      WrittenObject written = resumed.complete();

      ByteArrayOutputStream joined = new ByteArrayOutputStream();
      joined.writeBytes(whole.parts.get(0));
      joined.writeBytes(whole.parts.get(1));
      joined.writeBytes(rest.object());
      assertThat(joined.toByteArray()).as("trim " + trim).isEqualTo(whole.object());
      assertThat(rest.numbers.get(0)).isEqualTo(3);
      assertThat(written.bytes()).isEqualTo(whole.object().length);
      assertThat(written.sha256()).as("a resumed writer did not see every byte").isNull();
    }
  }
}
