package io.dynamodbbackup.dynamo;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.dynamodbbackup.retry.Retrier;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

/**
 * Writes batches of puts and deletes into one table with BatchWriteItem, from any number of threads
 * sharing one capacity budget. The request body is put together from the writes' JSON as it is, and
 * UnprocessedItems come back as JSON too, to be resent with backoff until written ({@link
 * ResendLoop}). A batch DynamoDB refuses as invalid is written again one write at a time with
 * PutItem or DeleteItem, so that only the invalid ones are rejected.
 */
public final class BatchWriter {

  private final DynamoDbWire wire;
  private final Retrier retrier;
  private final CapacityLimiter limiter;
  private final String table;
  private final RejectedItems rejects;
  private final byte[] requestStart;
  private final byte[] tableJson;
  private final LongAdder written = new LongAdder();
  private final LongAdder rejected = new LongAdder();
  private final DoubleAdder consumed = new DoubleAdder();

  private static final BatchWriteItemRequest BATCH_WRITE = BatchWriteItemRequest.builder().build();
  private static final PutItemRequest PUT_ITEM = PutItemRequest.builder().build();
  private static final DeleteItemRequest DELETE_ITEM = DeleteItemRequest.builder().build();
  private static final JsonFactory JSON = new JsonFactory();
  private static final byte[] REQUEST_END = utf8("]},\"ReturnConsumedCapacity\":\"TOTAL\"}");

  public BatchWriter(
      DynamoDbWire wire,
      Retrier retrier,
      CapacityLimiter limiter,
      String table,
      RejectedItems rejects) {
    this.wire = wire;
    this.retrier = retrier;
    this.limiter = limiter;
    this.table = table;
    this.rejects = rejects;
    this.tableJson = JsonStringEncoder.getInstance().quoteAsUTF8(table);
    this.requestStart = concat(utf8("{\"RequestItems\":{\""), tableJson, utf8("\":["));
  }

  /** Sends every write of {@code batch} (at most 25), or hands it to the rejects. */
  public void write(List<RawWrite> batch) throws Exception {
    List<RawWrite> pending = new ArrayList<>(batch);
    String what = "BatchWriteItem into table " + table;
    ResendLoop.untilProcessed(retrier, what, "items", pending, request -> send(what, request));
  }

  /** One BatchWriteItem; returns what came back unprocessed. */
  private List<RawWrite> send(String what, List<RawWrite> request) throws Exception {
    byte[] body = body(request);
    Answer answer;
    try {
      answer =
          limiter.metered(
              estimate(request),
              () -> Answer.of(retrier.call(what, () -> wire.call(BATCH_WRITE, body))),
              Answer::units);
    } catch (AwsServiceException e) {
      if (!isValidation(e)) {
        throw e;
      }
      for (RawWrite write : request) {
        writeOne(write);
      }
      return List.of();
    }
    consumed.add(answer.units());
    RawItems left = answer.unprocessed();
    List<RawWrite> unprocessed = new ArrayList<>(left.count());
    for (int i = 0; i < left.count(); i++) {
      unprocessed.add(ResponseItems.write(left.body(), left.start(i)));
    }
    written.add(request.size() - unprocessed.size());
    return unprocessed;
  }

  /** The request body: the table's writes as their entries, in order. */
  private byte[] body(List<RawWrite> writes) {
    int length = requestStart.length + REQUEST_END.length + writes.size() - 1;
    for (RawWrite w : writes) {
      length += w.entryLength();
    }
    byte[] body = new byte[length];
    System.arraycopy(requestStart, 0, body, 0, requestStart.length);
    int at = requestStart.length;
    for (int i = 0; i < writes.size(); i++) {
      if (i > 0) {
        body[at++] = ',';
      }
      at = writes.get(i).writeEntry(body, at);
    }
    System.arraycopy(REQUEST_END, 0, body, at, REQUEST_END.length);
    return body;
  }

  /** Items written (put or deleted) so far. */
  public long written() {
    return written.sum();
  }

  /** Writes DynamoDB refused as invalid so far. */
  public long rejected() {
    return rejected.sum();
  }

  /** Write capacity units DynamoDB reported consumed so far. */
  public double consumedCapacity() {
    return consumed.sum();
  }

  /**
   * One write on its own, after its batch was refused as invalid; refused again, it is rejected.
   */
  private void writeOne(RawWrite write) throws Exception {
    byte[] body =
        concat(
            utf8("{\"TableName\":\""),
            tableJson,
            utf8(write.isPut() ? "\",\"Item\":" : "\",\"Key\":"),
            write.json(),
            utf8(",\"ReturnConsumedCapacity\":\"TOTAL\"}"));
    String what = (write.isPut() ? "PutItem into table " : "DeleteItem from table ") + table;
    double units;
    try {
      units =
          limiter.metered(
              estimate(List.of(write)),
              () ->
                  consumedUnits(
                      retrier.call(
                          what, () -> wire.call(write.isPut() ? PUT_ITEM : DELETE_ITEM, body))),
              consumedUnits -> consumedUnits);
    } catch (AwsServiceException e) {
      if (!isValidation(e)) {
        throw e;
      }
      rejected.increment();
      rejects.reject(write, e.awsErrorDetails().errorMessage());
      return;
    }
    consumed.add(units);
    written.increment();
  }

  /** A BatchWriteItem's answer: the writes it left unprocessed and the units it consumed. */
  private record Answer(RawItems unprocessed, double units) {
    static Answer of(byte[] body) {
      ResponseItems.Split split = ResponseItems.split(body, "UnprocessedItems");
      return new Answer(split.items(), consumedUnits(split.rest()));
    }
  }

  /**
   * The capacity units an answer reports: {@code ConsumedCapacity} is one object for PutItem and
   * DeleteItem, an array of one per table for BatchWriteItem. Read as a stream of tokens, with no
   * tree: it is read once per batch.
   */
  static double consumedUnits(byte[] answer) {
    try (JsonParser json = JSON.createParser(answer)) {
      if (json.nextToken() != JsonToken.START_OBJECT) {
        throw new IOException("not an object");
      }
      double units = 0;
      while (json.nextToken() == JsonToken.FIELD_NAME) {
        boolean consumed = "ConsumedCapacity".equals(json.currentName());
        JsonToken value = json.nextToken();
        if (consumed && value == JsonToken.START_ARRAY) {
          while (json.nextToken() == JsonToken.START_OBJECT) {
            units += capacityUnits(json);
          }
        } else if (consumed && value == JsonToken.START_OBJECT) {
          units += capacityUnits(json);
        } else {
          json.skipChildren();
        }
      }
      return units;
    } catch (IOException e) {
      throw new UncheckedIOException("DynamoDB's answer is not JSON", e);
    }
  }

  /** The {@code CapacityUnits} of the object the parser has just entered, which it leaves. */
  private static double capacityUnits(JsonParser json) throws IOException {
    double units = 0;
    while (json.nextToken() == JsonToken.FIELD_NAME) {
      boolean total = "CapacityUnits".equals(json.currentName());
      JsonToken value = json.nextToken();
      if (total && value.isNumeric()) {
        units = json.getDoubleValue();
      } else {
        json.skipChildren();
      }
    }
    return units;
  }

  /**
   * Write units the writes may cost, reserved before sending and corrected by what DynamoDB
   * reports: from the JSON's length, which is never less than the item's size (a delete costs at
   * least one unit; its item's size is not known here).
   */
  private static double estimate(List<RawWrite> writes) {
    double units = 0;
    for (RawWrite w : writes) {
      units += w.isPut() ? ItemSize.writeUnits(w.json().length) : 1;
    }
    return units;
  }

  static boolean isValidation(AwsServiceException e) {
    return e.awsErrorDetails() != null
        && "ValidationException".equals(e.awsErrorDetails().errorCode());
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] concat(byte[]... parts) {
    int length = 0;
    for (byte[] p : parts) {
      length += p.length;
    }
    byte[] all = new byte[length];
    int at = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, all, at, p.length);
      at += p.length;
    }
    return all;
  }
}
