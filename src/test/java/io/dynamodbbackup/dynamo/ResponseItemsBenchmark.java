package io.dynamodbbackup.dynamo;

import io.dynamodbbackup.format.ItemJson;
import io.dynamodbbackup.testing.TestItems;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Finding the items in a Scan response of 1,000 items of every type (about 1 MB, DynamoDB's page),
 * on one core (about 1.1 MB a call). Run by bench/run.sh beside the line codecs.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ResponseItemsBenchmark {

  byte[] page;

  @Setup
  public void setUp() {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes("{\"Count\":1000,\"Items\":[".getBytes(StandardCharsets.UTF_8));
    String separator = "";
    for (var item : TestItems.everyType(7, 1_000)) {
      body.writeBytes(separator.getBytes(StandardCharsets.UTF_8));
      body.writeBytes(ItemJson.toBytes(item));
      separator = ",";
    }
    body.writeBytes("],\"ScannedCount\":1000}".getBytes(StandardCharsets.UTF_8));
    page = body.toByteArray();
  }

  @Benchmark
  public int splitScanResponse() {
    return ResponseItems.split(page, "Items").items().count();
  }
}
