package io.dynamodbbackup.bench;

import io.dynamodbbackup.format.FileFormat;
import io.dynamodbbackup.format.ItemBytes;
import io.dynamodbbackup.format.ItemEncoder;
import io.dynamodbbackup.format.ItemEncoders;
import io.dynamodbbackup.format.ItemFileReader;
import io.dynamodbbackup.format.ItemJson;
import io.dynamodbbackup.format.LineBuffer;
import io.dynamodbbackup.testing.TestItems;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
import org.openjdk.jmh.infra.Blackhole;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The line codecs on one core, over 2,000 items of the all-types set: the bytes path a backup and a
 * restore take, beside the object path (parse into AttributeValue, write JSON) they replaced.
 * {@link #main} prints MB of lines per second.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class LineCodecBenchmark {

  private static final byte[][] KEY = ItemBytes.names(List.of("pk"));

  private byte[][] itemJson;
  private List<Map<String, AttributeValue>> items;
  private byte[] csv;
  private final LineBuffer out = new LineBuffer(1 << 20);
  private final ItemEncoder quoted = ItemEncoders.of(FileFormat.CSV, false);

  @Setup
  public void setUp() {
    items = TestItems.everyType(7, 2_000);
    itemJson = items.stream().map(ItemJson::toBytes).toArray(byte[][]::new);
    LineBuffer lines = new LineBuffer(1 << 20);
    for (byte[] json : itemJson) {
      quoted.encode(json, 0, json.length, lines);
    }
    csv = Arrays.copyOf(lines.bytes(), lines.size());
  }

  /** A backup's encoding: each item's JSON bytes, as a Scan response holds them, into its line. */
  @Benchmark
  public int encodeQuotedCsvFromBytes() {
    out.reset();
    for (byte[] json : itemJson) {
      quoted.encode(json, 0, json.length, out);
    }
    return out.size();
  }

  /**
   * The same, for JSON the Scan-page splitter found compact (as DynamoDB sends it): a copy that
   * doubles quotes, with nothing to rewrite.
   */
  @Benchmark
  public int encodeQuotedCsvFromCanonicalBytes() {
    out.reset();
    for (byte[] json : itemJson) {
      quoted.encodeCanonical(json, 0, json.length, out);
    }
    return out.size();
  }

  /** The same lines from AttributeValue objects, as before. */
  @Benchmark
  public int encodeQuotedCsvFromObjects() {
    out.reset();
    for (Map<String, AttributeValue> item : items) {
      quoted.encode(item, out);
    }
    return out.size();
  }

  /** A restore's reading: each line's JSON and key as bytes. */
  @Benchmark
  public void readLinesAsBytes(Blackhole sink) throws IOException {
    try (ItemFileReader reader =
        new ItemFileReader(new ByteArrayInputStream(csv), "bench", FileFormat.CSV)) {
      ItemBytes item;
      while ((item = reader.nextBytes(KEY)) != null) {
        sink.consume(item);
      }
    }
  }

  /** The same lines read into AttributeValue objects, as before. */
  @Benchmark
  public void readLinesAsObjects(Blackhole sink) throws IOException {
    try (ItemFileReader reader =
        new ItemFileReader(new ByteArrayInputStream(csv), "bench", FileFormat.CSV)) {
      Map<String, AttributeValue> item;
      while ((item = reader.next()) != null) {
        sink.consume(item);
      }
    }
  }

  public static void main(String[] args) throws Exception {
    LineCodecBenchmark corpus = new LineCodecBenchmark();
    corpus.setUp();
    double mb = corpus.csv.length / 1e6;
    for (RunResult result :
        new Runner(
                new OptionsBuilder()
                    .include(LineCodecBenchmark.class.getSimpleName())
                    .jvmArgs("-Xmx256m")
                    .build())
            .run()) {
      double perSecond = result.getPrimaryResult().getScore();
      double error = result.getPrimaryResult().getScoreError();
      System.out.printf(
          Locale.ROOT,
          "%-28s %8.1f MB/s per core (± %.1f)%n",
          result.getParams().getBenchmark().replaceFirst(".*\\.", ""),
          perSecond * mb,
          error * mb);
    }
  }
}
