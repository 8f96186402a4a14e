package io.dynamodbbackup.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;

/**
 * The engines of one test JVM: dynalite (DynamoDB), S3Proxy (S3) and, started on first use, moto
 * (CloudWatch Logs and the DynamoDB calls dynalite lacks) and s3rver (a second S3, see {@link
 * S3Store}). Client factories return fresh clients that the caller closes; they never retry, so
 * injected faults reach the tool's own retry loop.
 */
public final class LocalEngines implements AutoCloseable {
  public static final String ACCESS_KEY = "test-access-key";
  public static final String SECRET_KEY = "test-secret-key";

  /**
   * The one JVM-wide instance. Static because starting node and Python processes per test class
   * would cost seconds each, and JUnit has no other place that lives across test classes; the
   * extension and a shutdown hook both stop it.
   */
  private static LocalEngines shared;

  private final Path baseDir;
  private final EngineProcess dynalite;
  private final S3ProxyServer s3;
  private final AtomicInteger names = new AtomicInteger();
  private final String runId = Integer.toString(ThreadLocalRandom.current().nextInt(1 << 20), 36);
  private EngineProcess moto; // guarded by this; started on first use
  private EngineProcess s3rver; // guarded by this; started on first use
  private Path s3rverData; // guarded by this; s3rver's buckets, deleted when it stops
  private boolean closed; // guarded by this

  private LocalEngines(Path baseDir, EngineProcess dynalite, S3ProxyServer s3) {
    this.baseDir = baseDir;
    this.dynalite = dynalite;
    this.s3 = s3;
  }

  /** The engines shared by every test in this JVM, started on first call. */
  public static synchronized LocalEngines shared() {
    if (shared == null) {
      LocalEngines engines = start();
      Runtime.getRuntime().addShutdownHook(new Thread(engines::close, "local-engines-stop"));
      shared = engines;
    }
    return shared;
  }

  /** Starts a private set of engines; the caller closes them. Most tests want {@link #shared()}. */
  public static LocalEngines start() {
    Path baseDir = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
    EngineProcess dynalite = startDynalite(baseDir);
    try {
      return new LocalEngines(baseDir, dynalite, S3ProxyServer.start(ACCESS_KEY, SECRET_KEY));
    } catch (RuntimeException e) {
      dynalite.close();
      throw e;
    }
  }

  private static EngineProcess startDynalite(Path baseDir) {
    int port = EngineProcess.freePort();
    return startNode(
        baseDir,
        "dynalite",
        port,
        "--host",
        "127.0.0.1",
        "--port",
        Integer.toString(port),
        "--createTableMs",
        "0",
        "--deleteTableMs",
        "0",
        "--updateTableMs",
        "0");
  }

  /** Runs {@code src/test/node/<name>-server.js} on {@code port}; npm installed the package. */
  private static EngineProcess startNode(Path baseDir, String name, int port, String... args) {
    Path installed = baseDir.resolve("node_modules").resolve(name);
    if (!Files.isDirectory(installed)) {
      throw new IllegalStateException(
          name + " is not installed at " + installed + ": run `npm ci` in the project directory");
    }
    List<String> command = new ArrayList<>();
    command.add("node");
    command.add(baseDir.resolve("src/test/node").resolve(name + "-server.js").toString());
    command.addAll(List.of(args));
    return EngineProcess.start(
        name,
        command,
        port,
        logDir(baseDir),
        "install Node.js 20+ and make sure `node` is on the PATH");
  }

  private static Path logDir(Path baseDir) {
    return baseDir.resolve("target/engines");
  }

  public URI dynamoEndpoint() {
    return URI.create("http://127.0.0.1:" + dynalite.port());
  }

  /** S3Proxy's endpoint: the S3 most tests use. */
  public URI s3Endpoint() {
    return s3Endpoint(S3Store.S3PROXY);
  }

  /** The endpoint of {@code store}, started on first use if it is s3rver. */
  public URI s3Endpoint(S3Store store) {
    return switch (store) {
      case S3PROXY -> s3.endpoint();
      case S3RVER -> s3rverEndpoint();
    };
  }

  private synchronized URI s3rverEndpoint() {
    checkOpen();
    if (s3rver == null) {
      try {
        s3rverData = Files.createTempDirectory("s3rver-");
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot create a folder for s3rver's buckets", e);
      }
      int port = EngineProcess.freePort();
      s3rver =
          startNode(
              baseDir,
              "s3rver",
              port,
              "--address",
              "127.0.0.1",
              "--port",
              Integer.toString(port),
              "--directory",
              s3rverData.toString(),
              "--silent");
    }
    return URI.create("http://127.0.0.1:" + s3rver.port());
  }

  /** Starts moto on first call (it takes a second or two and most tests do not need it). */
  public synchronized URI motoEndpoint() {
    checkOpen();
    if (moto == null) {
      int port = EngineProcess.freePort();
      moto =
          EngineProcess.start(
              "moto",
              List.of("moto_server", "-H", "127.0.0.1", "-p", Integer.toString(port)),
              port,
              logDir(baseDir),
              "install it with `pip install \"moto[server]\"` and put `moto_server` on the PATH");
    }
    return URI.create("http://127.0.0.1:" + moto.port());
  }

  /** Forgets everything moto holds (log groups, TTL settings, tags), e.g. between tests. */
  public void resetMoto() {
    URI reset = motoEndpoint().resolve("/moto-api/reset");
    try {
      HttpResponse<String> response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(reset)
                      .timeout(Duration.ofSeconds(30))
                      .POST(HttpRequest.BodyPublishers.noBody())
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException(
            "POST " + reset + " answered " + response.statusCode() + ": " + response.body());
      }
    } catch (IOException e) {
      throw new IllegalStateException("POST " + reset + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted during POST " + reset, e);
    }
  }

  public Region region() {
    return Region.US_EAST_1;
  }

  public AwsCredentialsProvider credentials() {
    return StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY));
  }

  /** No SDK retries, so that every injected fault reaches the code under test. */
  public static RetryStrategy noRetries() {
    return AwsRetryStrategy.doNotRetry();
  }

  public DynamoDbClient dynamo(ExecutionInterceptor... interceptors) {
    return dynamoAt(dynamoEndpoint(), interceptors);
  }

  /** DynamoDB on moto: for TTL, continuous backups and tags, which dynalite does not implement. */
  public DynamoDbClient motoDynamo(ExecutionInterceptor... interceptors) {
    return dynamoAt(motoEndpoint(), interceptors);
  }

  private DynamoDbClient dynamoAt(URI endpoint, ExecutionInterceptor... interceptors) {
    return DynamoDbClient.builder()
        .endpointOverride(endpoint)
        .region(region())
        .credentialsProvider(credentials())
        .httpClientBuilder(httpClient())
        .overrideConfiguration(overrides(interceptors))
        .build();
  }

  /** A client of S3Proxy. */
  public S3Client s3(ExecutionInterceptor... interceptors) {
    return s3(S3Store.S3PROXY, interceptors);
  }

  /**
   * A client of {@code store}, configured as the tool configures one for an S3-compatible store.
   */
  public S3Client s3(S3Store store, ExecutionInterceptor... interceptors) {
    return s3At(s3Endpoint(store), interceptors);
  }

  /**
   * A client of moto's S3, where moto's DynamoDB writes its exports and reads its imports from; it
   * is not an {@link S3Store} because nothing else runs against it.
   */
  public S3Client motoS3(ExecutionInterceptor... interceptors) {
    return s3At(motoEndpoint(), interceptors);
  }

  /** Creates an empty bucket in moto's S3 that no other test in this JVM uses. */
  public String createMotoBucket() {
    String bucket = ("m-" + runId + "-" + names.incrementAndGet()).toLowerCase(Locale.ROOT);
    try (S3Client client = motoS3()) {
      client.createBucket(b -> b.bucket(bucket));
    }
    return bucket;
  }

  private S3Client s3At(URI endpoint, ExecutionInterceptor... interceptors) {
    return S3Client.builder()
        .endpointOverride(endpoint)
        .region(region())
        .credentialsProvider(credentials())
        .httpClientBuilder(httpClient())
        .forcePathStyle(true)
        // Bodies signed whole rather than in aws-chunked framing, which s3rver would store as is.
        .serviceConfiguration(S3Configuration.builder().chunkedEncodingEnabled(false).build())
        // SDK 2.30+ sends CRC32 checksums by default; S3Proxy does not check them all.
        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
        .overrideConfiguration(overrides(interceptors))
        .build();
  }

  public CloudWatchLogsClient logs(ExecutionInterceptor... interceptors) {
    return CloudWatchLogsClient.builder()
        .endpointOverride(motoEndpoint())
        .region(region())
        .credentialsProvider(credentials())
        .httpClientBuilder(httpClient())
        .overrideConfiguration(overrides(interceptors))
        .build();
  }

  /**
   * The tool's HTTP client, without Expect: 100-continue, because S3Proxy never answers it and each
   * upload would stall for 3 s.
   */
  private static SdkHttpClient.Builder<?> httpClient() {
    return Apache5HttpClient.builder().expectContinueEnabled(false);
  }

  private static ClientOverrideConfiguration overrides(ExecutionInterceptor... interceptors) {
    ClientOverrideConfiguration.Builder builder =
        ClientOverrideConfiguration.builder().retryStrategy(noRetries());
    for (ExecutionInterceptor interceptor : interceptors) {
      builder.addExecutionInterceptor(interceptor);
    }
    return builder.build();
  }

  /** A table name no other test in this JVM uses; dynalite wants at least 3 characters. */
  public String uniqueTableName(String hint) {
    return "t-" + runId + "-" + names.incrementAndGet() + "-" + hint;
  }

  /** Creates an empty bucket in S3Proxy that no other test in this JVM uses; returns its name. */
  public String createBucket() {
    return createBucket(S3Store.S3PROXY);
  }

  /** Creates an empty bucket in {@code store} that no other test in this JVM uses. */
  public String createBucket(S3Store store) {
    String bucket = ("b-" + runId + "-" + names.incrementAndGet()).toLowerCase(Locale.ROOT);
    try (S3Client client = s3(store)) {
      client.createBucket(b -> b.bucket(bucket));
    }
    return bucket;
  }

  /** Where the engines' output goes, for diagnosing a failed run. */
  public Path logDir() {
    return logDir(baseDir);
  }

  private synchronized void checkOpen() {
    if (closed) {
      throw new IllegalStateException("The local engines are already stopped");
    }
  }

  /** Stops every engine; idempotent, as both the extension and the shutdown hook call it. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    // Each engine is stopped even when another one fails to stop.
    RuntimeException failure = null;
    Path data = s3rverData;
    AutoCloseable s3rverFiles = data == null ? null : () -> deleteTree(data);
    for (AutoCloseable engine : new AutoCloseable[] {moto, s3rver, s3rverFiles, s3, dynalite}) {
      try {
        if (engine != null) {
          engine.close();
        }
      } catch (Exception e) {
        if (failure == null) {
          failure = new IllegalStateException("Cannot stop the local engines", e);
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot delete s3rver's buckets in " + root, e);
    }
  }
}
