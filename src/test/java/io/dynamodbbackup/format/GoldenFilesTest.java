package io.dynamodbbackup.format;

import static io.dynamodbbackup.format.TestItems.b;
import static io.dynamodbbackup.format.TestItems.item;
import static io.dynamodbbackup.format.TestItems.n;
import static io.dynamodbbackup.format.TestItems.s;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The files under golden/ pin each line format byte for byte (docs/FORMATS.md). */
class GoldenFilesTest {

  private static byte[] golden(String name) throws IOException {
    try (InputStream in = GoldenFilesTest.class.getResourceAsStream("/golden/" + name)) {
      assertThat(in).as(name).isNotNull();
      return in.readAllBytes();
    }
  }

  private static List<Map<String, AttributeValue>> read(byte[] file, FileFormat format)
      throws IOException {
    List<Map<String, AttributeValue>> items = new ArrayList<>();
    try (ItemFileReader reader =
        new ItemFileReader(new ByteArrayInputStream(file), "golden", format)) {
      Map<String, AttributeValue> item;
      while ((item = reader.next()) != null) {
        items.add(item);
      }
    }
    return items;
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "every-type.quoted.csv, CSV, false",
    "every-type.base64.csv, CSV, true",
    "every-type.json, DYNAMODB_JSON, false"
  })
  void encoder_writesTheGoldenBytes_andReaderReadsThemBack(
      String file, FileFormat format, boolean base64) throws IOException {
    LineBuffer out = new LineBuffer(1024);
    ItemEncoder encoder = ItemEncoders.of(format, base64);
    for (Map<String, AttributeValue> item : TestItems.everyType()) {
      encoder.encode(item, out);
    }
    assertThat(Arrays.copyOf(out.bytes(), out.size())).isEqualTo(golden(file));
    assertThat(read(golden(file), null)).isEqualTo(TestItems.everyType());
    assertThat(read(golden(file), format)).isEqualTo(TestItems.everyType());
  }

  @Test
  void originalToolsBase64FileWithNodeBuffers_isRead() throws IOException {
    assertThat(read(golden("legacy-node-base64.csv"), FileFormat.CSV))
        .containsExactly(
            item(
                "id",
                s("abc"),
                "rate",
                n("0.6550358501120767"),
                "avatar",
                b((byte) 'h', (byte) 'i')),
            item(
                "id",
                s("old-node"),
                "keys",
                AttributeValue.fromBs(
                    List.of(
                        SdkBytes.fromByteArray(new byte[] {0, (byte) 255}),
                        SdkBytes.fromByteArray(new byte[] {1, 2, 3}))),
                "tags",
                AttributeValue.fromSs(List.of("x", "y"))));
  }
}
