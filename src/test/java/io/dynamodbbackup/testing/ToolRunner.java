package io.dynamodbbackup.testing;

import io.dynamodbbackup.cli.Main;
import io.dynamodbbackup.cli.ToolContext;
import io.dynamodbbackup.retry.Clock;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Runs the tool in-process, as its command line would, against the local engines: with their
 * credentials, any interceptors a test adds, and retry backoffs of milliseconds so that fault tests
 * take seconds.
 */
public final class ToolRunner {

  /** What a run printed and returned. */
  public record Result(int exitCode, String out, String err) {
    @Override
    public String toString() {
      return "exit " + exitCode + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
    }
  }

  private final LocalEngines engines;
  private final List<ExecutionInterceptor> interceptors = new ArrayList<>();
  private final Map<String, String> env = new HashMap<>();
  private AwsCredentialsProvider credentials;
  private Clock clock = Clock.system();
  private S3Store store = S3Store.S3PROXY;

  public ToolRunner(LocalEngines engines) {
    this.engines = engines;
  }

  public ToolRunner intercept(ExecutionInterceptor interceptor) {
    interceptors.add(interceptor);
    return this;
  }

  /** Uses these credentials instead of the engines' own. */
  public ToolRunner credentials(AwsCredentialsProvider credentials) {
    this.credentials = credentials;
    return this;
  }

  /** Runs with this clock, e.g. one whose {@code now()} stands still. */
  public ToolRunner clock(Clock clock) {
    this.clock = clock;
    return this;
  }

  /** Points {@link #runLocal} at {@code store} instead of S3Proxy. */
  public ToolRunner store(S3Store store) {
    this.store = store;
    return this;
  }

  public ToolRunner env(String name, String value) {
    env.put(name, value);
    return this;
  }

  /** Runs with the given arguments exactly as written. */
  public Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    ToolContext context =
        new ToolContext(
            new PrintWriter(out, true),
            new PrintWriter(err, true),
            null,
            env,
            credentials != null ? credentials : engines.credentials(),
            interceptors,
            Duration.ofMillis(1),
            Duration.ofMillis(20),
            Duration.ofSeconds(1),
            clock);
    int code = new Main(context).run(args);
    return new Result(code, out.toString(), err.toString());
  }

  /** Runs with the endpoints of dynalite and the chosen S3 store added after {@code args}. */
  public Result runLocal(String... args) {
    return runAt(engines.dynamoEndpoint(), engines.s3Endpoint(store), args);
  }

  /** Runs with moto as both DynamoDB and S3 (its exports and imports use its own S3). */
  public Result runOnMoto(String... args) {
    return runAt(engines.motoEndpoint(), engines.motoEndpoint(), args);
  }

  /** Runs with these DynamoDB and S3 endpoints added after {@code args}. */
  public Result runAt(URI dynamo, URI s3, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(
        List.of(
            "--dynamodb-endpoint",
            dynamo.toString(),
            "--s3-endpoint",
            s3.toString(),
            "--s3-path-style",
            "--region",
            engines.region().id()));
    return run(all.toArray(String[]::new));
  }
}
