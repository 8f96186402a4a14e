package io.dynamodbbackup.cli;

import io.dynamodbbackup.JobFailedException;
import picocli.CommandLine;

/** The entry point. The only place that exits the process. */
public final class Main {

  private final ToolContext context;

  public Main(ToolContext context) {
    this.context = context;
  }

  public static void main(String[] args) {
    System.exit(new Main(ToolContext.system()).run(args));
  }

  /** Runs one command line and returns the exit status; never exits the JVM. */
  public int run(String... args) {
    CommandLine cmd = commandLine(context);
    cmd.setOut(context.out());
    cmd.setErr(context.err());
    cmd.setCaseInsensitiveEnumValuesAllowed(true);
    cmd.setExecutionExceptionHandler(
        (e, command, parsed) -> {
          if (e instanceof AwsClients.BadSettingException) {
            context.err().println("dynamodb-backup: " + e.getMessage());
            return ExitCodes.USAGE;
          }
          context.err().println("dynamodb-backup: error: " + describe(e));
          return ExitCodes.FAILED;
        });
    // A stopping process (SIGTERM, Ctrl-C) interrupts the command, which aborts what it started,
    // and waits until its last line is printed.
    StopSignal stop = new StopSignal();
    try {
      int status = cmd.execute(args);
      context.out().flush();
      context.err().flush();
      return status;
    } finally {
      stop.close();
    }
  }

  /** The commands with their environment defaults, ready to parse. */
  static CommandLine commandLine(ToolContext context) {
    CommandLine cmd = new CommandLine(new RootCommand(context));
    cmd.addSubcommand(new BackupCommand(context));
    cmd.addSubcommand(new RestoreCommand(context));
    cmd.addSubcommand(new VerifyCommand(context));
    cmd.addSubcommand(new ListCommand(context));
    cmd.setDefaultValueProvider(new EnvironmentDefaults(context.env()));
    // An option value may be a command's name: the deployment sets CLOUDWATCH_LOG_STREAM=backup
    // (or restore), which picocli would otherwise refuse as "Expected parameter for option".
    cmd.setAllowSubcommandsAsOptionParameters(true);
    return cmd;
  }

  private static String describe(Exception e) {
    if (e instanceof JobFailedException) {
      return e.getMessage();
    }
    String m = e.getMessage();
    return (m == null ? e.getClass().getName() : m) + " (" + e.getClass().getSimpleName() + ")";
  }
}
