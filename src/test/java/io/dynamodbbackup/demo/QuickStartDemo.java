package io.dynamodbbackup.demo;

import io.dynamodbbackup.testing.LocalEngines;
import io.dynamodbbackup.testing.TestItems;
import io.dynamodbbackup.testing.TestTables;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Starts dynalite and S3Proxy on loopback ports, loads a sample table with every attribute type,
 * backs it up with the built jar to a bucket and a local folder, restores it into a new table, and
 * checks that every item came back equal.
 */
public final class QuickStartDemo {

  private static final String TABLE = "quickstart-users";
  private static final String BUCKET = "quickstart-backups";
  private static final int ITEMS = 2_000;

  private QuickStartDemo() {}

  public static void main(String[] args) throws Exception {
    Path jar = Path.of(args.length > 0 ? args[0] : "target/dynamodb-backup.jar");
    Path folder = Path.of("target", "quick-start");
    int status;
    try (LocalEngines engines = LocalEngines.start();
        DynamoDbClient dynamo = engines.dynamo();
        S3Client s3 = engines.s3()) {
      say("dynalite on " + engines.dynamoEndpoint() + ", S3Proxy on " + engines.s3Endpoint());
      TestTables.create(dynamo, TABLE, "pk", ScalarAttributeType.S);
      List<Map<String, AttributeValue>> items = new ArrayList<>(TestItems.everyType(42, ITEMS));
      items.add(TestItems.large(42, 0, 350_000));
      TestTables.load(dynamo, TABLE, items);
      s3.createBucket(r -> r.bucket(BUCKET));
      say("loaded " + items.size() + " items of every DynamoDB type into table " + TABLE);

      JarProcess tool = new JarProcess(jar, engines, List.of("-Xmx256m"));
      say(
          "$ java -jar "
              + jar
              + " --table "
              + TABLE
              + " --bucket "
              + BUCKET
              + " --output-dir "
              + folder);
      status =
          tool.run(List.of("--table", TABLE, "--bucket", BUCKET, "--output-dir", folder.toString()))
              .exitCode();
      if (status == 0) {
        status = restoreAndCompare(tool, dynamo, s3, items.size());
      }
      if (status == 0) {
        try (Stream<Path> files = Files.walk(folder)) {
          files.filter(Files::isRegularFile).forEach(f -> say("local copy: " + f));
        }
      }
    }
    if (status != 0) {
      say("FAILED with exit status " + status);
      System.exit(status);
    }
  }

  private static int restoreAndCompare(
      JarProcess tool, DynamoDbClient dynamo, S3Client s3, int expected) throws Exception {
    String key =
        s3.listObjectsV2(r -> r.bucket(BUCKET)).contents().stream()
            .map(o -> o.key())
            .filter(k -> !k.endsWith(".manifest.json"))
            .findFirst()
            .orElseThrow();
    String restored = TABLE + "-restored";
    say(
        "$ java -jar dynamodb-backup.jar restore s3://"
            + BUCKET
            + "/"
            + key
            + " --table "
            + restored
            + " --create-table");
    int status =
        tool.run(
                List.of(
                    "restore", "s3://" + BUCKET + "/" + key, "--table", restored, "--create-table"))
            .exitCode();
    if (status != 0) {
      return status;
    }
    List<Map<String, AttributeValue>> original = TestTables.scanAll(dynamo, TABLE);
    List<Map<String, AttributeValue>> copy = TestTables.scanAll(dynamo, restored);
    if (copy.size() != expected
        || !new java.util.HashSet<>(copy).equals(new java.util.HashSet<>(original))) {
      say("restored table differs: " + copy.size() + " items, expected " + expected);
      return 1;
    }
    say(
        "restored "
            + copy.size()
            + " items into "
            + restored
            + ": every item equal to the original");
    return 0;
  }

  private static void say(String line) {
    System.out.println("[quick start] " + line);
  }
}
