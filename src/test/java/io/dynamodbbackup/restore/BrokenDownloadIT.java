package io.dynamodbbackup.restore;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynamodbbackup.testing.BackupFiles;
import io.dynamodbbackup.testing.LocalEngines;
import io.dynamodbbackup.testing.LocalEnginesExtension;
import io.dynamodbbackup.testing.TestItems;
import io.dynamodbbackup.testing.TestTables;
import io.dynamodbbackup.testing.ToolRunner;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;

/** A download that breaks midway resumes from the byte it reached; nothing is lost or doubled. */
@ExtendWith(LocalEnginesExtension.class)
class BrokenDownloadIT {

  private final LocalEngines engines;

  BrokenDownloadIT(LocalEngines engines) {
    this.engines = engines;
  }

  @Test
  void restore_resumesAGetCutMidBody_andWritesEveryItemOnce() throws Exception {
    String source = engines.uniqueTableName("cut-source");
    String bucket = engines.createBucket();
    List<Map<String, AttributeValue>> items;
    try (DynamoDbClient dynamo = engines.dynamo()) {
      TestTables.create(dynamo, source, "pk", ScalarAttributeType.S);
      List<Map<String, AttributeValue>> load = new ArrayList<>(TestItems.everyType(21, 400));
      load.add(TestItems.large(21, 1, 350_000));
      TestTables.load(dynamo, source, load);
      items = TestTables.scanAll(dynamo, source);
    }
    ToolRunner.Result backup =
        new ToolRunner(engines).runLocal("-t", source, "-b", bucket, "--compress", "gzip");
    assertThat(backup.exitCode()).as(backup.toString()).isZero();
    String dataKey;
    try (S3Client s3 = engines.s3()) {
      dataKey =
          BackupFiles.keys(s3, bucket).stream()
              .filter(k -> !k.endsWith(".manifest.json"))
              .findFirst()
              .orElseThrow();
    }
    CutDownloads cut = new CutDownloads(dataKey, 3, 60_000);
    String target = engines.uniqueTableName("cut-target");

    ToolRunner.Result restore =
        new ToolRunner(engines)
            .intercept(cut)
            .runLocal("restore", "s3://" + bucket + "/" + dataKey, "-t", target, "--create-table");

    assertThat(restore.exitCode()).as(restore.toString()).isZero();
    assertThat(cut.cuts()).isEqualTo(3);
    try (DynamoDbClient dynamo = engines.dynamo()) {
      assertThat(TestTables.scanAll(dynamo, target)).containsExactlyInAnyOrderElementsOf(items);
    }
  }

  /** Breaks the first {@code count} GETs of a key after {@code afterBytes} bytes of body. */
  private static final class CutDownloads implements ExecutionInterceptor {
    private final String key;
    private final int count;
    private final long afterBytes;
    private final AtomicInteger cuts = new AtomicInteger();

    CutDownloads(String key, int count, long afterBytes) {
      this.key = key;
      this.count = count;
      this.afterBytes = afterBytes;
    }

    int cuts() {
      return cuts.get();
    }

    @Override
    public Optional<InputStream> modifyHttpResponseContent(
        Context.ModifyHttpResponse context, ExecutionAttributes attributes) {
      if (!(context.request() instanceof GetObjectRequest get)
          || !get.key().equals(key)
          || context.responseBody().isEmpty()
          || cuts.get() >= count) {
        return context.responseBody();
      }
      cuts.incrementAndGet();
      return Optional.of(
          new FilterInputStream(context.responseBody().get()) {
            private long read;

            @Override
            public int read() throws IOException {
              byte[] one = new byte[1];
              return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
              if (read >= afterBytes) {
                throw new SocketException("Connection reset (injected)");
              }
              int n = super.read(b, off, (int) Math.min(len, afterBytes - read));
              read += Math.max(n, 0);
              return n;
            }
          });
    }
  }
}
