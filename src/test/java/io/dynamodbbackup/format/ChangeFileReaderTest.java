package io.dynamodbbackup.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class ChangeFileReaderTest {

  private static List<ChangeRecord> read(String lines) throws IOException {
    List<ChangeRecord> records = new ArrayList<>();
    try (ChangeFileReader reader =
        new ChangeFileReader(
            new ByteArrayInputStream(lines.getBytes(StandardCharsets.UTF_8)), "s3://b/incr.json")) {
      for (ChangeRecord r = reader.next(); r != null; r = reader.next()) {
        records.add(r);
      }
    }
    return records;
  }

  @Test
  void insertsUpdatesAndDeletes_areReadAsTheDocumentedShapes_inAnyKeyOrder() throws IOException {
    List<ChangeRecord> records =
        read(
            "{\"Metadata\":{\"WriteTimestampMicros\":{\"N\":\"1700000000000001\"}},"
                + "\"Keys\":{\"id\":{\"S\":\"new\"}},\"NewImage\":{\"id\":{\"S\":\"new\"},\"n\":{\"N\":\"1\"}}}\n"
                + "{\"OldImage\":{\"id\":{\"S\":\"old\"},\"n\":{\"N\":\"1\"}},"
                + "\"NewImage\":{\"id\":{\"S\":\"old\"},\"n\":{\"N\":\"2\"}},\"Keys\":{\"id\":{\"S\":\"old\"}},"
                + "\"Metadata\":{\"WriteTimestampMicros\":{\"N\":\"1700000000000002\"}}}\r\n"
                + "{\"Metadata\":{\"WriteTimestampMicros\":{\"N\":\"1700000000000003\"}},"
                + "\"Keys\":{\"id\":{\"S\":\"gone\"}},\"OldImage\":{\"id\":{\"S\":\"gone\"}}}\n"
                + "{\"Keys\":{\"id\":{\"S\":\"gone-too\"}}}\n");

    assertThat(records).hasSize(4);
    assertThat(records.get(0).newImage()).containsEntry("n", AttributeValue.fromN("1"));
    assertThat(records.get(1).keys()).isEqualTo(Map.of("id", AttributeValue.fromS("old")));
    assertThat(records.get(1).newImage()).containsEntry("n", AttributeValue.fromN("2"));
    assertThat(records.get(2).isDelete()).isTrue();
    assertThat(records.get(3).isDelete()).isTrue();
  }

  @Test
  void aFullExportLine_isRefusedNamingTheFileAndLine() {
    assertThatThrownBy(
            () ->
                read(
                    "{\"Keys\":{\"id\":{\"S\":\"a\"}},\"NewImage\":{\"id\":{\"S\":\"a\"}}}\n"
                        + "{\"Item\":{\"id\":{\"S\":\"b\"}}}\n"))
        .isInstanceOf(CorruptBackupException.class)
        .hasMessageStartingWith("s3://b/incr.json:2: invalid incremental export record")
        .hasMessageContaining("unexpected key \"Item\"");
  }

  @Test
  void aRecordWithoutKeys_isRefused() {
    assertThatThrownBy(() -> read("{\"NewImage\":{\"id\":{\"S\":\"a\"}}}\n"))
        .isInstanceOf(CorruptBackupException.class)
        .hasMessageContaining(":1:")
        .hasMessageContaining("no Keys");
  }
}
