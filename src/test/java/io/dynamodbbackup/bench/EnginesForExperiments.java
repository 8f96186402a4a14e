package io.dynamodbbackup.bench;

import io.dynamodbbackup.testing.LocalEngines;
import io.dynamodbbackup.testing.TestItems;
import io.dynamodbbackup.testing.TestTables;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Starts dynalite and S3Proxy, loads a table {@code bench-source} of N items and a bucket {@code
 * bench}, prints the endpoints, and keeps running until killed: for trying the jar by hand.
 */
public final class EnginesForExperiments {

  private EnginesForExperiments() {}

  public static void main(String[] args) throws Exception {
    int count = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    LocalEngines engines = LocalEngines.start();
    Runtime.getRuntime().addShutdownHook(new Thread(engines::close));
    try (DynamoDbClient dynamo = engines.dynamo();
        S3Client s3 = engines.s3()) {
      TestTables.create(dynamo, "bench-source", "pk", ScalarAttributeType.S);
      new RawDynamo(dynamo).load("bench-source", TestItems.everyType(7, count), 4);
      s3.createBucket(r -> r.bucket("bench"));
    }
    System.out.println(
        "ready: --dynamodb-endpoint "
            + engines.dynamoEndpoint()
            + " --s3-endpoint "
            + engines.s3Endpoint()
            + " (credentials "
            + LocalEngines.ACCESS_KEY
            + " / "
            + LocalEngines.SECRET_KEY
            + ")");
    Thread.currentThread().join();
  }
}
