package io.dynamodbbackup.format;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Reads one data file of a {@code dynamodump} dump folder ({@code <table>/data/0001.json}): a Scan
 * page as boto3 returned it, written by Python's {@code json.dumps(page, indent=2)} with every
 * binary as Base64, {@code {"Items":[...],"Count":n,"ScannedCount":n,"LastEvaluatedKey":{...}}}.
 * Items come one at a time, so a page never sits whole in memory; at the end the page's {@code
 * Count} must equal the items read. With {@code repair}, binaries that dynamodump's own restore
 * wrote as their Base64 text are decoded once more ({@link DynamodumpBinaries}). Errors name the
 * file, line and column. Not thread-safe.
 */
public final class DynamodumpPage implements ItemReader {

  private final JsonParser parser;
  private final String sourceName;
  private final boolean repair;
  private boolean inItems;
  private boolean done;
  private long items;
  private Long count;
  private boolean lastEvaluatedKey;

  /**
   * @param json the file's bytes; closed by {@link #close()}
   * @param sourceName how errors name the file
   * @param repair decode once more the binaries that dynamodump's restore doubled
   */
  public DynamodumpPage(InputStream json, String sourceName, boolean repair) throws IOException {
    this.parser = ItemJson.FACTORY.createParser(json);
    this.sourceName = sourceName;
    this.repair = repair;
  }

  /** The next item, or null after the last, once the page's Count is checked. */
  @Override
  public Map<String, AttributeValue> next() throws IOException {
    try {
      if (done) {
        return null;
      }
      if (!inItems) {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
          throw corrupt("expected a Scan page object {\"Items\": [...], ...}");
        }
        if (!seekItems()) {
          return finish();
        }
      }
      JsonToken token = parser.nextToken();
      if (token == JsonToken.END_ARRAY) {
        inItems = false;
        readRest();
        return finish();
      }
      if (token != JsonToken.START_OBJECT) {
        throw corrupt("expected an item object in \"Items\"");
      }
      Map<String, AttributeValue> item = ItemJsonReader.read(parser);
      items++;
      return repair ? DynamodumpBinaries.repair(item) : item;
    } catch (CorruptBackupException e) {
      throw e;
    } catch (JsonProcessingException e) {
      throw new CorruptBackupException(
          sourceName, line(e.getLocation()), "invalid JSON: " + e.getOriginalMessage(), e);
    }
  }

  /** Items read so far. */
  public long items() {
    return items;
  }

  /** Whether the page says more pages follow (it has a LastEvaluatedKey). */
  public boolean hasLastEvaluatedKey() {
    return lastEvaluatedKey;
  }

  /** The line being read, for a caller's error message. */
  @Override
  public long lineNumber() {
    return parser.currentLocation().getLineNr();
  }

  @Override
  public void close() throws IOException {
    parser.close();
  }

  /** Reads fields up to "Items" and into its array; false when the page has none. */
  private boolean seekItems() throws IOException {
    String name;
    while ((name = parser.nextFieldName()) != null) {
      if (name.equals("Items")) {
        if (parser.nextToken() != JsonToken.START_ARRAY) {
          throw corrupt("\"Items\" must be an array");
        }
        inItems = true;
        return true;
      }
      field(name);
    }
    return false;
  }

  /** The fields after "Items", up to the page's end. */
  private void readRest() throws IOException {
    String name;
    while ((name = parser.nextFieldName()) != null) {
      field(name);
    }
  }

  private void field(String name) throws IOException {
    JsonToken token = parser.nextToken();
    if (name.equals("Count")) {
      if (token != JsonToken.VALUE_NUMBER_INT) {
        throw corrupt("\"Count\" must be a whole number");
      }
      count = parser.getLongValue();
    } else if (name.equals("LastEvaluatedKey")) {
      lastEvaluatedKey = token == JsonToken.START_OBJECT;
      parser.skipChildren();
    } else {
      parser.skipChildren();
    }
  }

  private Map<String, AttributeValue> finish() throws IOException {
    done = true;
    if (parser.nextToken() != null) {
      throw corrupt("unexpected content after the page object");
    }
    if (count == null) {
      throw corrupt("the page has no \"Count\"; it is not a dynamodump data file");
    }
    if (count != items) {
      throw corrupt(
          "the page's \"Count\" is " + count + " but it holds " + items + " items; it is damaged");
    }
    return null;
  }

  private CorruptBackupException corrupt(String what) {
    return new CorruptBackupException(sourceName, line(parser.currentLocation()), what, null);
  }

  private static long line(JsonLocation location) {
    return location == null ? 0 : location.getLineNr();
  }
}
