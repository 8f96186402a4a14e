package io.dynamodbbackup.backup;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynamodbbackup.manifest.Manifest;
import io.dynamodbbackup.retry.Clock;
import io.dynamodbbackup.testing.BackupFiles;
import io.dynamodbbackup.testing.Fault;
import io.dynamodbbackup.testing.FaultInjector;
import io.dynamodbbackup.testing.LocalEngines;
import io.dynamodbbackup.testing.LocalEnginesExtension;
import io.dynamodbbackup.testing.LogLines;
import io.dynamodbbackup.testing.S3Store;
import io.dynamodbbackup.testing.TestItems;
import io.dynamodbbackup.testing.TestTables;
import io.dynamodbbackup.testing.ToolRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;

/**
 * "Backed up" means the store confirmed the bytes: what the store holds is read back and compared,
 * a store that reports anything else fails the backup with nothing left, and a stop at any moment
 * of the upload leaves a complete backup or nothing.
 */
@ExtendWith(LocalEnginesExtension.class)
class StoreIntegrityIT {

  private final LocalEngines engines;
  private String table;
  private List<Map<String, AttributeValue>> items;

  StoreIntegrityIT(LocalEngines engines) {
    this.engines = engines;
  }

  @BeforeEach
  void loadTable() {
    table = engines.uniqueTableName("integrity");
    try (DynamoDbClient dynamo = engines.dynamo()) {
      TestTables.create(dynamo, table, "pk", ScalarAttributeType.S);
      // Three items of ~350 KB among the rest: about 12 MB of lines, three 5 MB parts.
      List<Map<String, AttributeValue>> load = new ArrayList<>(TestItems.everyType(11, 300));
      for (int i = 0; i < 30; i++) {
        load.add(TestItems.large(11, i, 380_000));
      }
      TestTables.load(dynamo, table, load);
      items = TestTables.scanAll(dynamo, table);
    }
  }

  @Test
  void manifest_recordsTheChecksumTheStoreConfirmed_forOnePutAndForManyParts() throws Exception {
    String bucket = engines.createBucket();

    for (String partSize : List.of("64", "5")) {
      ToolRunner.Result result =
          new ToolRunner(engines)
              .runLocal("-t", table, "-b", bucket, "--part-size-mb", partSize, "--segments", "2");
      assertThat(result.exitCode()).as(result.toString()).isZero();
    }

    try (S3Client s3 = engines.s3()) {
      List<String> dataKeys = dataKeys(s3, bucket);
      assertThat(dataKeys).hasSize(2);
      for (String key : dataKeys) {
        byte[] stored = BackupFiles.get(s3, bucket, key);
        Manifest manifest = BackupFiles.manifest(s3, bucket, key);
        String etag = s3.headObject(r -> r.bucket(bucket).key(key)).eTag().replace("\"", "");
        assertThat(manifest.sha256()).isEqualTo(sha256(stored));
        assertThat(manifest.byteCount()).isEqualTo(stored.length);
        assertThat(manifest.storedEtag()).isEqualTo(etag);
        assertThat(manifest.storedChecksum()).isEqualTo("MD5:" + etag);
        assertThat(BackupFiles.items(stored, key)).containsExactlyInAnyOrderElementsOf(items);
      }
      List<Boolean> multipart = new ArrayList<>();
      for (String key : dataKeys) {
        multipart.add(BackupFiles.manifest(s3, bucket, key).storedEtag().contains("-"));
      }
      assertThat(multipart).containsExactlyInAnyOrder(false, true);
    }
  }

  @Test
  void storeReportingAnotherSize_failsTheBackupAndLeavesNothing() {
    String bucket = engines.createBucket();
    ExecutionInterceptor lyingStore =
        headOfDataObject(r -> r.toBuilder().putHeader("Content-Length", "12345").build());

    ToolRunner.Result result =
        new ToolRunner(engines)
            .intercept(lyingStore)
            .runLocal("-t", table, "-b", bucket, "--part-size-mb", "5");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
    assertThat(result.err()).contains("size 12345 bytes").contains("it was deleted");
    assertNothingLeft(bucket);
  }

  @Test
  void storeReportingAnotherChecksum_failsTheBackupAndLeavesNothing() {
    String bucket = engines.createBucket();
    ExecutionInterceptor lyingStore =
        headOfDataObject(
            r -> {
              String real = r.firstMatchingHeader("ETag").orElseThrow();
              String flipped =
                  real.replaceFirst("\"[0-9a-f]", "\"" + (real.charAt(1) == '0' ? '1' : '0'));
              return r.toBuilder().putHeader("ETag", flipped).build();
            });

    ToolRunner.Result result =
        new ToolRunner(engines).intercept(lyingStore).runLocal("-t", table, "-b", bucket);

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
    assertThat(result.err())
        .containsPattern("ETag [0-9a-f]{32}-[0-9]+, [0-9a-f]{32}-[0-9]+ written");
    assertNothingLeft(bucket);
  }

  @Test
  void stopAtTheLastPart_leavesNothing() {
    assertStopLeavesNothing(r -> r instanceof UploadPartRequest u && u.partNumber() == 3);
  }

  @Test
  void stopDuringComplete_leavesNothing() {
    assertStopLeavesNothing(r -> r instanceof CompleteMultipartUploadRequest);
  }

  @Test
  void stopDuringTheManifestPut_leavesNothing() {
    assertStopLeavesNothing(
        r -> r instanceof PutObjectRequest p && p.key().endsWith(".manifest.json"));
  }

  @Test
  void secondBackupInTheSameSecond_getsItsOwnKey_andEachManifestDescribesItsObject()
      throws Exception {
    String bucket = engines.createBucket();
    Clock stopped = new StoppedClock(Instant.parse("2026-11-29T03:00:00Z"));

    ToolRunner.Result first =
        new ToolRunner(engines).clock(stopped).runLocal("-t", table, "-b", bucket);
    ToolRunner.Result second =
        new ToolRunner(engines).clock(stopped).runLocal("-t", table, "-b", bucket);

    assertThat(first.exitCode()).as(first.toString()).isZero();
    assertThat(second.exitCode()).as(second.toString()).isZero();
    try (S3Client s3 = engines.s3()) {
      assertThat(dataKeys(s3, bucket))
          .containsExactlyInAnyOrder(
              table + "/" + table + "_2026-11-29T03:00:00+00:00.csv",
              table + "/" + table + "_2026-11-29T03:00:00+00:00-2.csv");
      for (String key : dataKeys(s3, bucket)) {
        Manifest manifest = BackupFiles.manifest(s3, bucket, key);
        assertThat(manifest.dataKey()).isEqualTo(key);
        assertThat(manifest.sha256()).isEqualTo(sha256(BackupFiles.get(s3, bucket, key)));
      }
    }
  }

  @Test
  void localCopy_isRemovedWithTheS3Backup_whenTheManifestCannotBeStored(@TempDir Path dir)
      throws IOException {
    String bucket = engines.createBucket();
    ExecutionInterceptor refuseManifest =
        new ExecutionInterceptor() {
          @Override
          public SdkHttpResponse modifyHttpResponse(
              Context.ModifyHttpResponse context, ExecutionAttributes attributes) {
            if (context.request() instanceof HeadObjectRequest h
                && h.key().endsWith(".manifest.json")) {
              return context.httpResponse().toBuilder().putHeader("Content-Length", "1").build();
            }
            return context.httpResponse();
          }
        };

    ToolRunner.Result result =
        new ToolRunner(engines)
            .intercept(refuseManifest)
            .runLocal("-t", table, "-b", bucket, "--output-dir", dir.toString());

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
    assertNothingLeft(bucket);
    try (Stream<Path> files = Files.walk(dir)) {
      assertThat(files.filter(Files::isRegularFile)).isEmpty();
    }
  }

  @Test
  void unreachableEndpoint_failsWithinSeconds_namingIt() {
    long start = System.nanoTime();

    ToolRunner.Result result =
        new ToolRunner(engines)
            .run(
                "-t",
                table,
                "-b",
                "any-bucket",
                "--region",
                engines.region().id(),
                "--dynamodb-endpoint",
                engines.dynamoEndpoint().toString(),
                "--s3-endpoint",
                "http://no-such-host.invalid:9000");

    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
    assertThat(result.err()).contains("no-such-host.invalid");
    assertThat(took).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void failedUpload_onAStoreThatCannotAbort_namesTheUploadLeftBehind_andLeavesNoObject() {
    String bucket = engines.createBucket(S3Store.S3RVER);
    FaultInjector partsFail =
        FaultInjector.builder().failFirst("UploadPart", Fault.INTERNAL_ERROR, 10_000).build();

    ToolRunner.Result result;
    List<String> log;
    try (LogLines lines = new LogLines()) {
      result =
          new ToolRunner(engines)
              .store(S3Store.S3RVER)
              .intercept(partsFail)
              .runLocal(
                  "-t", table, "-b", bucket, "--part-size-mb", "5", "--max-retry-time", "200ms");
      log = lines.lines();
    }

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
    assertThat(result.err()).contains("dynamodb-backup: error: backup of table " + table);
    assertThat(log)
        .filteredOn(l -> l.startsWith("WARN") && l.contains("may be left behind"))
        .singleElement()
        .asString()
        .containsPattern("multipart upload \\S+ of s3://" + bucket + "/\\S+ may be left behind");
    try (S3Client s3 = engines.s3(S3Store.S3RVER)) {
      assertThat(BackupFiles.keys(s3, bucket)).isEmpty();
    }
  }

  /** Interrupts the tool's main thread, as a stopping process does, when a request is sent. */
  private void assertStopLeavesNothing(Predicate<SdkRequest> at) {
    String bucket = engines.createBucket();
    Thread main = Thread.currentThread();
    ExecutionInterceptor stop =
        new ExecutionInterceptor() {
          @Override
          public void beforeExecution(
              Context.BeforeExecution context, ExecutionAttributes attributes) {
            if (at.test(context.request())) {
              main.interrupt();
            }
          }
        };

    ToolRunner.Result result =
        new ToolRunner(engines)
            .intercept(stop)
            .runLocal("-t", table, "-b", bucket, "--part-size-mb", "5", "--segments", "2");

    boolean stillInterrupted = Thread.interrupted(); // leave the test thread clean
    assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
    assertThat(result.err()).contains("interrupted");
    assertThat(stillInterrupted).as("the interrupt is kept for the caller").isTrue();
    assertNothingLeft(bucket);
  }

  private void assertNothingLeft(String bucket) {
    try (S3Client s3 = engines.s3()) {
      assertThat(BackupFiles.keys(s3, bucket)).isEmpty();
      assertThat(s3.listMultipartUploads(r -> r.bucket(bucket)).uploads()).isEmpty();
    }
  }

  private ExecutionInterceptor headOfDataObject(
      java.util.function.UnaryOperator<SdkHttpResponse> change) {
    return new ExecutionInterceptor() {
      @Override
      public SdkHttpResponse modifyHttpResponse(
          Context.ModifyHttpResponse context, ExecutionAttributes attributes) {
        if (context.request() instanceof HeadObjectRequest h
            && h.key().endsWith(".csv")
            && context.httpResponse().isSuccessful()) {
          return change.apply(context.httpResponse());
        }
        return context.httpResponse();
      }
    };
  }

  private static List<String> dataKeys(S3Client s3, String bucket) {
    return BackupFiles.keys(s3, bucket).stream()
        .filter(k -> !k.endsWith(".manifest.json"))
        .toList();
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  /** Real time for waits and budgets; a {@code now()} that stands still. */
  private record StoppedClock(Instant now) implements Clock {
    @Override
    public long nanoTime() {
      return System.nanoTime();
    }

    @Override
    public void sleep(Duration duration) throws InterruptedException {
      Clock.system().sleep(duration);
    }
  }
}
