package io.dynamodbbackup.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class RoundTripTest {

  /** Every encoder, read back both with its format named and with detection. */
  static Stream<Arguments> encodings() {
    List<Arguments> encodings = new ArrayList<>();
    for (FileFormat readAs : new FileFormat[] {FileFormat.CSV, null}) {
      encodings.add(Arguments.of("quoted csv", FileFormat.CSV, false, readAs));
      encodings.add(Arguments.of("base64 csv", FileFormat.CSV, true, readAs));
    }
    encodings.add(Arguments.of("dynamodb json", FileFormat.DYNAMODB_JSON, false, null));
    encodings.add(
        Arguments.of("dynamodb json", FileFormat.DYNAMODB_JSON, false, FileFormat.DYNAMODB_JSON));
    return encodings.stream();
  }

  private static List<Map<String, AttributeValue>> roundTrip(
      List<Map<String, AttributeValue>> items, FileFormat format, boolean base64, FileFormat readAs)
      throws IOException {
    LineBuffer file = new LineBuffer(1024);
    ItemEncoder encoder = ItemEncoders.of(format, base64);
    for (Map<String, AttributeValue> item : items) {
      encoder.encode(item, file);
    }
    List<Map<String, AttributeValue>> read = new ArrayList<>();
    try (ItemFileReader reader =
        new ItemFileReader(
            new ByteArrayInputStream(file.bytes(), 0, file.size()), "test", readAs)) {
      Map<String, AttributeValue> item;
      while ((item = reader.next()) != null) {
        assertThat(reader.lineNumber()).isEqualTo(read.size() + 1);
        read.add(item);
      }
    }
    return read;
  }

  private static void assertSameItemsInSameOrder(
      List<Map<String, AttributeValue>> actual, List<Map<String, AttributeValue>> expected) {
    assertThat(actual).isEqualTo(expected);
    for (int i = 0; i < expected.size(); i++) {
      assertThat(actual.get(i).keySet()).containsExactlyElementsOf(expected.get(i).keySet());
      // Byte-identical re-encoding also proves nested order and set order survive.
      assertThat(ItemJson.toBytes(actual.get(i))).isEqualTo(ItemJson.toBytes(expected.get(i)));
    }
  }

  @ParameterizedTest(name = "{0} read as {3}")
  @MethodSource("encodings")
  void everyEncoding_roundTripsEveryType(
      String name, FileFormat format, boolean base64, FileFormat readAs) throws IOException {
    List<Map<String, AttributeValue>> items = TestItems.everyType();
    assertSameItemsInSameOrder(roundTrip(items, format, base64, readAs), items);
  }

  @ParameterizedTest(name = "{0} read as {3}")
  @MethodSource("encodings")
  void everyEncoding_roundTripsA350KbItem(
      String name, FileFormat format, boolean base64, FileFormat readAs) throws IOException {
    List<Map<String, AttributeValue>> items =
        List.of(TestItems.large(350_000), TestItems.everyType().get(0), TestItems.large(200_000));
    assertSameItemsInSameOrder(roundTrip(items, format, base64, readAs), items);
  }
}
