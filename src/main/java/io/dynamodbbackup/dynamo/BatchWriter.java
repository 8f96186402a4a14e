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
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Writes batches of items into one table with BatchWriteItem, from any number of threads sharing
 * one capacity budget. UnprocessedItems are resent with backoff until written ({@link ResendLoop}).
 * A batch DynamoDB refuses as invalid is written again one item at a time with PutItem, so that
 * only the invalid items are rejected.
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

  /** Writes every item of {@code batch} (at most 25), or hands it to the rejects. */
  public void write(List<Map<String, AttributeValue>> batch) throws Exception {
    List<WriteRequest> pending = new ArrayList<>(batch.size());
    for (Map<String, AttributeValue> item : batch) {
      pending.add(
          WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build());
    }
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
        putOne(write.putRequest().item());
      }
      return List.of();
    }
    consumed.add(Capacity.of(response));
    List<WriteRequest> left = response.unprocessedItems().getOrDefault(table, List.of());
    written.add(request.size() - left.size());
    return left;
  }

  /** Items written so far. */
  public long written() {
    return written.sum();
  }

  /** Items DynamoDB refused as invalid so far. */
  public long rejected() {
    return rejected.sum();
  }

  /** Write capacity units DynamoDB reported consumed so far. */
  public double consumedCapacity() {
    return consumed.sum();
  }

  private void putOne(Map<String, AttributeValue> item) throws Exception {
    PutItemResponse response;
    try {
      response =
          limiter.metered(
              ItemSize.writeUnits(ItemSize.of(item)),
              () ->
                  retrier.call(
                      "PutItem into table " + table,
                      () ->
                          dynamo.putItem(
                              r ->
                                  r.tableName(table)
                                      .item(item)
                                      .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL))),
              Capacity::of);
    } catch (AwsServiceException e) {
      if (!isValidation(e)) {
        throw e;
      }
      rejected.increment();
      rejects.reject(item, e.awsErrorDetails().errorMessage());
      return;
    }
    consumed.add(Capacity.of(response));
    written.increment();
  }

  private static double estimate(List<WriteRequest> writes) {
    double units = 0;
    for (WriteRequest w : writes) {
      units += ItemSize.writeUnits(ItemSize.of(w.putRequest().item()));
    }
    return units;
  }

  static boolean isValidation(AwsServiceException e) {
    return e.awsErrorDetails() != null
        && "ValidationException".equals(e.awsErrorDetails().errorCode());
  }
}
