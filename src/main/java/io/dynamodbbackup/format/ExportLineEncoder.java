package io.dynamodbbackup.format;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** {@code {"Item":<typed JSON>}} LF: the line of AWS Export to S3 in DYNAMODB_JSON format. */
final class ExportLineEncoder implements ItemEncoder {

  @Override
  public void encode(Map<String, AttributeValue> item, OutputStream out) throws IOException {
    try (JsonGenerator g = ItemJson.FACTORY.createGenerator(out)) {
      g.writeStartObject();
      g.writeFieldName("Item");
      ItemJson.write(item, g);
      g.writeEndObject();
      g.writeRaw('\n');
    }
  }
}
