package io.gridpulse.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * How every GridPulse command runs on picocli, with the exit codes of INTERFACES.md: 0 done, 1
 * failed, 2 bad usage or input refused before anything was sent (picocli's own parse errors
 * included), 3 records unaccounted for. A failure prints one line naming the command, not a stack
 * trace. (In the simulator module because both the simulator's and the jobs' commands use it.)
 */
public final class Cli {

    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;
    public static final int UNACCOUNTED = 3;

    /** Wide enough that the examples in the footers stay on one line each. */
    private static final int USAGE_WIDTH = 100;

    private Cli() {}

    /**
     * A command line for {@code command} writing to {@code out} and {@code err}.
     *
     * @param usageErrors exception types that mean bad usage or refused input (exit 2), besides
     *     picocli's own parse errors; any other exception is a failure (exit 1)
     */
    public static CommandLine of(
            Object command,
            PrintStream out,
            PrintStream err,
            Map<Class<? extends Exception>, Integer> usageErrors) {
        CommandLine cli = new CommandLine(command);
        cli.setUsageHelpWidth(USAGE_WIDTH);
        cli.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        cli.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        cli.setExitCodeExceptionMapper(
                e ->
                        e instanceof ParameterException
                                ? USAGE
                                : usageErrors.entrySet().stream()
                                        .filter(c -> c.getKey().isInstance(e))
                                        .map(Map.Entry::getValue)
                                        .findFirst()
                                        .orElse(FAILED));
        cli.setExecutionExceptionHandler(
                (e, commandLine, parseResult) -> {
                    String root = commandLine.getCommandSpec().root().name();
                    commandLine.getErr().println(root + ": " + message(e));
                    return commandLine.getExitCodeExceptionMapper().getExitCode(e);
                });
        return cli;
    }

    /** A command line whose only usage errors are picocli's own. */
    public static CommandLine of(Object command, PrintStream out, PrintStream err) {
        return of(command, out, err, Map.of());
    }

    /** {@code -h, --help} for a command: {@code @Mixin Cli.Help help;}. */
    public static final class Help {
        @Option(
                names = {"-h", "--help"},
                usageHelp = true,
                description = "show this help and exit")
        private boolean help;
    }

    private static String message(Exception e) {
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }
}
