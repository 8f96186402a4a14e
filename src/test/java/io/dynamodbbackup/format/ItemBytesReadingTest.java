package io.dynamodbbackup.format;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Reading items as bytes gives what reading them as objects and writing their JSON gives. */
class ItemBytesReadingTest {

  private static final byte[][] KEY = ItemBytes.names(List.of("id"));

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "every-type.quoted.csv, CSV",
    "every-type.quoted.csv, ",
    "every-type.base64.csv, CSV",
    "every-type.json, DYNAMODB_JSON",
    "every-type.json, ",
    "legacy-node-base64.csv, CSV"
  })
  void nextBytes_isTheJsonOfWhatNextReads_withTheKeyValuesJson(String file, FileFormat format)
      throws IOException {
    byte[] bytes = golden(file);
    List<Map<String, AttributeValue>> objects = new ArrayList<>();
    try (ItemFileReader reader =
        new ItemFileReader(new ByteArrayInputStream(bytes), file, format)) {
      Map<String, AttributeValue> item;
      while ((item = reader.next()) != null) {
        objects.add(item);
      }
    }
    List<ItemBytes> raw = new ArrayList<>();
    try (ItemFileReader reader =
        new ItemFileReader(new ByteArrayInputStream(bytes), file, format)) {
      ItemBytes item;
      while ((item = reader.nextBytes(KEY)) != null) {
        raw.add(item);
      }
    }
    assertThat(raw).hasSameSizeAs(objects).isNotEmpty();
    for (int i = 0; i < raw.size(); i++) {
      Map<String, AttributeValue> expected = objects.get(i);
      assertThat(new String(raw.get(i).json(), UTF_8))
          .isEqualTo(new String(ItemJson.toBytes(expected), UTF_8));
      assertThat(new String(raw.get(i).key(), UTF_8))
          .isEqualTo(
              new String(ItemJson.toBytes(Map.of("k", expected.get("id"))), UTF_8)
                      .replaceFirst("^\\{\"k\":", "")
                      .replaceFirst("}$", "")
                  + "\0");
    }
  }

  @Test
  void anItemWithoutItsKey_hasNoKey_andIsStillRead() throws IOException {
    byte[] line = "{\"other\":{\"S\":\"x\"}}\n".getBytes(UTF_8);
    try (ItemFileReader reader = new ItemFileReader(new ByteArrayInputStream(line), "f", null)) {
      ItemBytes item = reader.nextBytes(KEY);
      assertThat(item.key()).isNull();
      assertThat(item.json()).isEqualTo("{\"other\":{\"S\":\"x\"}}".getBytes(UTF_8));
    }
  }

  @Test
  void aLooseButValidLine_isWrittenAnewInStrictForm() throws IOException {
    // Spaces between tokens: valid JSON for the full reader, not the strict form.
    byte[] line = "{ \"id\" : {\"S\":\"a\"}, \"n\": {\"N\": \"5\"} }\n".getBytes(UTF_8);
    try (ItemFileReader reader = new ItemFileReader(new ByteArrayInputStream(line), "f", null)) {
      assertThat(new String(reader.nextBytes(KEY).json(), UTF_8))
          .isEqualTo("{\"id\":{\"S\":\"a\"},\"n\":{\"N\":\"5\"}}");
    }
  }

  @Test
  void aDamagedLine_isRejectedNamingFileAndLine() {
    byte[] lines = "{\"id\":{\"S\":\"a\"}}\n{\"id\":{\"S\":\"b\"}\n".getBytes(UTF_8);
    assertThatThrownBy(
            () -> {
              try (ItemFileReader reader =
                  new ItemFileReader(new ByteArrayInputStream(lines), "s3://b/k.csv", null)) {
                while (reader.nextBytes(KEY) != null) {}
              }
            })
        .isInstanceOf(CorruptBackupException.class)
        .hasMessageContaining("s3://b/k.csv")
        .hasMessageContaining("s3://b/k.csv:2:");
  }

  private static byte[] golden(String name) throws IOException {
    try (InputStream in = ItemBytesReadingTest.class.getResourceAsStream("/golden/" + name)) {
      assertThat(in).as(name).isNotNull();
      return in.readAllBytes();
    }
  }
}
