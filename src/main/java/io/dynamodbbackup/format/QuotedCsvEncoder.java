package io.dynamodbbackup.format;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** {@code "{""id"":{""S"":""a""}}"} LF: the typed JSON as one RFC 4180 quoted CSV field. */
final class QuotedCsvEncoder implements ItemEncoder {

  @Override
  public void encode(Map<String, AttributeValue> item, OutputStream out) throws IOException {
    out.write('"');
    try (JsonGenerator g = ItemJson.FACTORY.createGenerator(new QuoteDoublingOutputStream(out))) {
      ItemJson.write(item, g);
    }
    out.write('"');
    out.write('\n');
  }
}
