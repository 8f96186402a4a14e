package io.dynamodbbackup.dynamo;

import io.dynamodbbackup.retry.Retrier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Writes batches of puts and deletes into one table with BatchWriteItem, from any number of threads
 * sharing one capacity budget. UnprocessedItems are resent with backoff until written ({@link
 * ResendLoop}). A batch DynamoDB refuses as invalid is written again one write at a time with
 * PutItem or DeleteItem, so that only the invalid ones are rejected.
 */
public final class BatchWriter {

  private final DynamoDbClient dynamo;
  private final Retrier retrier;
  private final CapacityLimiter limiter;
  private final String table;
  private final RejectedItems rejects;
  private final LongAdder written = new LongAdder();
  private final LongAdder rejected = new LongAdder();
  private final DoubleAdder consumed = new DoubleAdder();

  public BatchWriter(
      DynamoDbClient dynamo,
      Retrier retrier,
      CapacityLimiter limiter,
      String table,
      RejectedItems rejects) {
    this.dynamo = dynamo;
    this.retrier = retrier;
    this.limiter = limiter;
    this.table = table;
    this.rejects = rejects;
  }

  /** Sends every write of {@code batch} (at most 25), or hands it to the rejects. */
  public void write(List<WriteRequest> batch) throws Exception {
    List<WriteRequest> pending = new ArrayList<>(batch);
    String what = "BatchWriteItem into table " + table;
    ResendLoop.untilProcessed(retrier, what, "items", pending, request -> send(what, request));
  }

  /** One BatchWriteItem; returns what came back unprocessed. */
  private List<WriteRequest> send(String what, List<WriteRequest> request) throws Exception {
    BatchWriteItemResponse response;
    try {
      response =
          limiter.metered(
              estimate(request),
              () ->
                  retrier.call(
                      what,
                      () ->
                          dynamo.batchWriteItem(
                              r ->
                                  r.requestItems(Map.of(table, request))
                                      .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL))),
              Capacity::of);
    } catch (AwsServiceException e) {
      if (!isValidation(e)) {
        throw e;
      }
      for (WriteRequest write : request) {
        writeOne(write);
      }
      return List.of();
    }
    consumed.add(Capacity.of(response));
    List<WriteRequest> left = response.unprocessedItems().getOrDefault(table, List.of());
    written.add(request.size() - left.size());
    return left;
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
  private void writeOne(WriteRequest write) throws Exception {
    Map<String, AttributeValue> image = BatchBuilder.image(write);
    double units;
    try {
      units =
          limiter.metered(
              estimate(List.of(write)),
              () ->
                  write.putRequest() != null
                      ? Capacity.of(
                          retrier.call(
                              "PutItem into table " + table,
                              () ->
                                  dynamo.putItem(
                                      r ->
                                          r.tableName(table)
                                              .item(image)
                                              .returnConsumedCapacity(
                                                  ReturnConsumedCapacity.TOTAL))))
                      : Capacity.of(
                          retrier.call(
                              "DeleteItem from table " + table,
                              () ->
                                  dynamo.deleteItem(
                                      r ->
                                          r.tableName(table)
                                              .key(image)
                                              .returnConsumedCapacity(
                                                  ReturnConsumedCapacity.TOTAL)))),
              consumedUnits -> consumedUnits);
    } catch (AwsServiceException e) {
      if (!isValidation(e)) {
        throw e;
      }
      rejected.increment();
      rejects.reject(image, e.awsErrorDetails().errorMessage());
      return;
    }
    consumed.add(units);
    written.increment();
  }

  private static double estimate(List<WriteRequest> writes) {
    double units = 0;
    for (WriteRequest w : writes) {
      // A delete costs at least one unit; its size is the item's, which is not known here.
      units += w.putRequest() != null ? ItemSize.writeUnits(ItemSize.of(w.putRequest().item())) : 1;
    }
    return units;
  }

  static boolean isValidation(AwsServiceException e) {
    return e.awsErrorDetails() != null
        && "ValidationException".equals(e.awsErrorDetails().errorCode());
  }
}
