package io.dynamodbbackup.format;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Standard padded Base64 of the UTF-8 typed JSON, then LF: the original tool's final line. */
final class Base64CsvEncoder implements ItemEncoder {

  @Override
  public void encode(Map<String, AttributeValue> item, OutputStream out) throws IOException {
    Base64OutputStream base64 = new Base64OutputStream(out);
    try (JsonGenerator g = ItemJson.FACTORY.createGenerator(base64)) {
      ItemJson.write(item, g);
    }
    base64.finish();
    out.write('\n');
  }
}
