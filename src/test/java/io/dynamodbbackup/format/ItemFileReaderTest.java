package io.dynamodbbackup.format;

import static io.dynamodbbackup.format.TestItems.b;
import static io.dynamodbbackup.format.TestItems.item;
import static io.dynamodbbackup.format.TestItems.n;
import static io.dynamodbbackup.format.TestItems.s;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class ItemFileReaderTest {

  private static final String SOURCE = "s3://bucket/users/users_2015.csv";

  private static List<Map<String, AttributeValue>> readAll(String file, FileFormat format)
      throws IOException {
    return readAll(file.getBytes(UTF_8), format);
  }

  private static List<Map<String, AttributeValue>> readAll(byte[] file, FileFormat format)
      throws IOException {
    List<Map<String, AttributeValue>> items = new ArrayList<>();
    try (ItemFileReader reader =
        new ItemFileReader(new ByteArrayInputStream(file), SOURCE, format)) {
      Map<String, AttributeValue> item;
      while ((item = reader.next()) != null) {
        items.add(item);
      }
    }
    return items;
  }

  private static CorruptBackupException corrupt(String file, FileFormat format) {
    return catchThrowableOfType(CorruptBackupException.class, () -> readAll(file, format));
  }

  private static String base64(String json) {
    return Base64.getEncoder().encodeToString(json.getBytes(UTF_8));
  }

  private static final String A = "{\"id\":{\"S\":\"a\"}}";
  private static final String B = "{\"id\":{\"S\":\"b\"}}";
  private static final Map<String, AttributeValue> ITEM_A = item("id", s("a"));
  private static final Map<String, AttributeValue> ITEM_B = item("id", s("b"));

  @Test
  void emptyFile_hasNoItems() throws IOException {
    assertThat(readAll("", null)).isEmpty();
    assertThat(readAll("", FileFormat.CSV)).isEmpty();
    assertThat(readAll("", FileFormat.DYNAMODB_JSON)).isEmpty();
  }

  @Test
  void originalToolsFile_withoutFinalNewline_readsEveryLine() throws IOException {
    assertThat(readAll(base64(A) + "\n" + base64(B), FileFormat.CSV))
        .containsExactly(ITEM_A, ITEM_B);
  }

  @Test
  void crlfLineEnds_andTrailingBlankLines_areAccepted() throws IOException {
    assertThat(readAll(base64(A) + "\r\n" + base64(B) + "\r\n\r\n  \n", null))
        .containsExactly(ITEM_A, ITEM_B);
  }

  @Test
  void blankLineBetweenItems_isCorruptAtTheBlankLine() {
    assertThat(corrupt(base64(A) + "\n\n" + base64(B) + "\n", null))
        .hasMessage(SOURCE + ":2: blank line between items");
  }

  @Test
  void detection_takesQuotedCsvBase64RawAndExportLinesInOneFile() throws IOException {
    String file =
        "\"" + A.replace("\"", "\"\"") + "\"\n" + base64(B) + "\n" + A + "\n{\"Item\":" + B + "}";
    assertThat(readAll(file, null)).containsExactly(ITEM_A, ITEM_B, ITEM_A, ITEM_B);
  }

  @Test
  void detection_readsASingleAttributeNamedItemAsAnItem() throws IOException {
    assertThat(readAll("{\"Item\":{\"S\":\"x\"}}\n{\"Item\":{\"M\":{\"k\":{\"N\":\"1\"}}}}", null))
        .containsExactly(
            item("Item", s("x")), item("Item", AttributeValue.fromM(item("k", n("1")))));
  }

  @Test
  void detection_readsAnExportLineOfAnItemWhoseOnlyAttributeIsNamedLikeAType() throws IOException {
    assertThat(readAll("{\"Item\":{\"M\":{\"S\":\"x\"}}}\n{\"Item\":{\"S\":{\"S\":\"y\"}}}", null))
        .containsExactly(item("M", s("x")), item("S", s("y")));
  }

  @Test
  void namedFormat_decidesWhetherAnItemKeyIsAWrapper() throws IOException {
    String itemLine = "{\"Item\":{\"M\":{\"S\":{\"S\":\"x\"}}}}";
    String exportLine = "{\"Item\":{\"S\":{\"S\":\"x\"}}}";
    assertThat(readAll(itemLine, FileFormat.CSV))
        .containsExactly(item("Item", AttributeValue.fromM(item("S", s("x")))));
    assertThat(readAll(exportLine, FileFormat.DYNAMODB_JSON)).containsExactly(item("S", s("x")));
    assertThat(corrupt(exportLine, FileFormat.CSV))
        .hasMessageContaining("S must hold a string, found an object");
    assertThat(corrupt(itemLine, FileFormat.DYNAMODB_JSON))
        .hasMessageContaining("S must hold a string, found an object");
  }

  @Test
  void legacyNodeBinaryShapes_areRead() throws IOException {
    String json =
        "{\"b\":{\"B\":{\"type\":\"Buffer\",\"data\":[104,105]}},\"old\":{\"B\":[0,255]},"
            + "\"wire\":{\"B\":\"aGk=\"},\"bs\":{\"BS\":[{\"data\":[1],\"type\":\"Buffer\"},[2,3],"
            + "\"BA==\",{\"type\":\"Buffer\",\"data\":[]}]}}";
    assertThat(readAll(base64(json), FileFormat.CSV))
        .containsExactly(
            item(
                "b",
                b((byte) 'h', (byte) 'i'),
                "old",
                b((byte) 0, (byte) 255),
                "wire",
                b((byte) 'h', (byte) 'i'),
                "bs",
                AttributeValue.fromBs(
                    List.of(
                        SdkBytes.fromByteArray(new byte[] {1}),
                        SdkBytes.fromByteArray(new byte[] {2, 3}),
                        SdkBytes.fromByteArray(new byte[] {4}),
                        SdkBytes.fromByteArray(new byte[0])))));
  }

  @Test
  void lineNumber_countsBlankAndCrlfLinesLikeAnEditor() throws IOException {
    try (ItemFileReader reader =
        new ItemFileReader(
            new ByteArrayInputStream((A + "\r\n" + B + "\n").getBytes(UTF_8)), SOURCE, null)) {
      assertThat(reader.lineNumber()).isZero();
      reader.next();
      assertThat(reader.lineNumber()).isEqualTo(1);
      reader.next();
      assertThat(reader.lineNumber()).isEqualTo(2);
      assertThat(reader.next()).isNull();
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiterString = "|",
      textBlock =
          """
          not base64                  | eyJpZCI6e!JTIjoiYSJ9fQ==         | invalid Base64: unexpected character at column 10
          base64 length               | eyJpZCI6e                          | invalid Base64: 9 characters is not a multiple of 4
          base64 inner padding        | eyJp=CI6                           | invalid Base64: unexpected character at column 5
          bad json                    | {"id":{"S":"a"}                    | invalid item JSON
          unknown type                | {"id":{"X":"a"}}                   | unknown type "X"
          two types                   | {"id":{"S":"a","N":"1"}}           | more than one type: "N"
          no type                     | {"id":{}}                          | has no type
          wrong json type             | {"id":{"S":1}}                     | S must hold a string, found a number
          number as json number       | {"id":{"N":1}}                     | N must hold a string, found a number
          empty number                | {"id":{"N":""}}                    | empty number
          bool as string              | {"id":{"BOOL":"true"}}             | BOOL must hold true or false
          byte too big                | {"id":{"B":[1,256]}}               | integer 0..255, found 256
          negative byte               | {"id":{"B":[-1]}}                  | integer 0..255, found -1
          fractional byte             | {"id":{"B":[1.5]}}                 | integer 0..255, found 1.5
          bad binary base64           | {"id":{"B":"a$=="}}                | invalid item JSON at column
          not a buffer                | {"id":{"B":{"type":"Blob","data":[1]}}} | "type":"Buffer"
          trailing garbage            | {"id":{"S":"a"}} x                 | invalid item JSON
          second value                | {"id":{"S":"a"}}{}                 | after the item
          duplicate attribute         | {"id":{"S":"a"},"id":{"S":"b"}}    | duplicate attribute name "id"
          unterminated quote          | "{""id"":{""S"":""a""}}            | unterminated CSV quote
          text after quote            | "{""id"":{""S"":""a""}}"x          | unexpected text after the closing quote
          lone quote                  | "{"id"":{""S"":""a""}}"            | unexpected text after the closing quote
          export with extra key       | {"Item":{"id":{"S":"a"}},"x":1}    | invalid item JSON
          item not an object          | {"id":[]}                          | expected a typed value object, found an array
          """)
  void malformedLine_isCorruptAtItsLineNumber(String name, String line, String message) {
    CorruptBackupException e = corrupt(base64(A) + "\r\n" + A + "\n" + line + "\n" + B, null);
    assertThat(e).as(name).isNotNull();
    assertThat(e.getMessage()).startsWith(SOURCE + ":3: ").contains(message);
    assertThat(e.lineNumber()).isEqualTo(3);
    assertThat(e.sourceName()).isEqualTo(SOURCE);
  }

  @Test
  void base64OfMalformedJson_isReportedAsDecodedJson() {
    CorruptBackupException e = corrupt(base64(A) + "\n" + base64("{\"id\":{\"N\":\"\"}}"), null);
    assertThat(e)
        .hasMessageStartingWith(SOURCE + ":2: invalid item JSON in the Base64-decoded JSON")
        .hasMessageContaining("empty number")
        .hasCauseInstanceOf(com.fasterxml.jackson.core.JsonProcessingException.class);
  }

  @Test
  void dynamodbJsonFormat_rejectsLinesThatAreNotExportLines() {
    assertThat(corrupt("{\"Item\":" + A + "}\n" + base64(A), FileFormat.DYNAMODB_JSON))
        .hasMessageStartingWith(SOURCE + ":2: expected a {\"Item\":{...}} line");
    assertThat(corrupt(A, FileFormat.DYNAMODB_JSON))
        .hasMessageStartingWith(SOURCE + ":1: invalid item JSON");
  }

  @Test
  void lineLongerThan16MiB_isRejectedWithoutReadingFurther() {
    byte[] file = new byte[LineReader.MAX_LINE + 10];
    java.util.Arrays.fill(file, (byte) 'A');
    CorruptBackupException e =
        catchThrowableOfType(CorruptBackupException.class, () -> readAll(file, null));
    assertThat(e).hasMessageStartingWith(SOURCE + ":1: line longer than 16 MiB");
  }

  @Test
  void lineOfExactly16MiB_isNotRejectedForItsLength() {
    // 16 MiB of Base64 'A's decodes to zero bytes, which is not JSON: the length check passed.
    byte[] file = new byte[LineReader.MAX_LINE + 2];
    java.util.Arrays.fill(file, (byte) 'A');
    file[file.length - 2] = '\r';
    file[file.length - 1] = '\n';
    CorruptBackupException e =
        catchThrowableOfType(CorruptBackupException.class, () -> readAll(file, null));
    assertThat(e).hasMessageStartingWith(SOURCE + ":1: invalid item JSON");
  }

  @Test
  void close_closesTheStream() throws IOException {
    boolean[] closed = new boolean[1];
    InputStream in =
        new ByteArrayInputStream(new byte[0]) {
          @Override
          public void close() {
            closed[0] = true;
          }
        };
    new ItemFileReader(in, SOURCE, null).close();
    assertThat(closed[0]).isTrue();
  }
}
