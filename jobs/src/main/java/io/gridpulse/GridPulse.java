package io.gridpulse;

import io.gridpulse.cli.Cli;
import io.gridpulse.common.clickhouse.ClickHouseQueries;
import io.gridpulse.common.clickhouse.ClickHouseSettings;
import io.gridpulse.common.clickhouse.Migrations;
import io.gridpulse.common.config.CommonKeys;
import io.gridpulse.common.config.ConfigException;
import io.gridpulse.common.config.ConfigKey;
import io.gridpulse.common.config.GridPulseConfig;
import io.gridpulse.common.job.GridPulseJob;
import io.gridpulse.common.job.StartupCheck;
import io.gridpulse.common.kafka.KafkaSettings;
import io.gridpulse.common.kafka.TopicSetup;
import io.gridpulse.replay.ReplayCommand;
import io.gridpulse.simulator.SimulateCommand;
import io.gridpulse.tools.bench.BenchCommand;
import io.gridpulse.tools.cluster.ClusterCommand;
import io.gridpulse.tools.cluster.FlinkRest;
import io.gridpulse.tools.dashboards.PanelRowsCommand;
import io.gridpulse.tools.eval.EvalCommand;
import io.gridpulse.tools.report.ReportCommand;
import io.gridpulse.tools.schemas.SchemasCommand;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The command line of {@code ./gridpulse}: one picocli command tree for every Java command ({@code
 * setup}, {@code reset}, {@code run}, {@code sql}, {@code summary}, {@code eval}, {@code bench},
 * {@code report}, {@code cluster}, {@code schemas}, {@code simulate}, {@code replay}). The launcher
 * script only manages the local stack and passes the arguments on. Exit codes as INTERFACES.md: 0
 * done, 1 failed, 2 bad usage or refused input, 3 records unaccounted for. Not in the job jar: a
 * cluster runs {@link JobMain}.
 */
@Command(
        name = "gridpulse",
        description = "Stream analytics for an electricity distribution company.",
        subcommands = {
            GridPulse.Setup.class,
            GridPulse.Reset.class,
            GridPulse.Run.class,
            GridPulse.Sql.class,
            GridPulse.SummaryCommand.class,
            SimulateCommand.class,
            ReplayCommand.class,
            EvalCommand.class,
            BenchCommand.class,
            ReportCommand.class,
            ClusterCommand.class,
            PanelRowsCommand.class,
            SchemasCommand.class,
            GridPulse.Completion.class
        },
        footer = {
            "",
            "Example:",
            "  ./gridpulse run --until-idle",
            "  source <(./gridpulse completion)   # bash completion of every command and option"
        })
public final class GridPulse {

    private static final Pattern HAS_FORMAT =
            Pattern.compile("(?is).*\\bFORMAT\\s+\\w+\\s*;?\\s*$");

    @Mixin private Cli.Help help;

    @Option(
            names = "--config",
            paramLabel = "FILE",
            description = "the properties file (GRIDPULSE_<KEY> variables override it key by key)")
    private Path configFile;

    private GridPulseConfig config;

    public static void main(String[] args) {
        // the mini-clusters and clients leave non-daemon threads behind; not in the job jar, so
        // exiting never stops a JobManager
        System.exit(commandLine(System.out, System.err).execute(args));
    }

    /** The command tree, writing to {@code out} and {@code err}. */
    public static CommandLine commandLine(PrintStream out, PrintStream err) {
        CommandLine cli =
                Cli.of(new GridPulse(), out, err, Map.of(ConfigException.class, Cli.USAGE));
        // the simulator's commands reach a secured broker with the configuration's Kafka security
        Supplier<Properties> security =
                () -> KafkaSettings.from(config(cli.getCommandSpec())).securityProperties();
        ((SimulateCommand) cli.getSubcommands().get("simulate").getCommand())
                .useKafkaSecurity(security);
        ((ReplayCommand) cli.getSubcommands().get("replay").getCommand())
                .useKafkaSecurity(security);
        cli.getSubcommands().get("completion").getCommandSpec().usageMessage().hidden(false);
        return cli;
    }

    /** The configuration of the command {@code spec} belongs to, loaded once. */
    public static GridPulseConfig config(CommandSpec spec) {
        GridPulse root = (GridPulse) spec.root().userObject();
        if (root.config == null) {
            root.config = GridPulseConfig.load(root.configFile, keys());
            root.config.warnings().forEach(w -> System.err.println("gridpulse: warning: " + w));
        }
        return root.config;
    }

    /** The properties file given with {@code --config}, or null. */
    public static Path configFile(CommandSpec spec) {
        return ((GridPulse) spec.root().userObject()).configFile;
    }

    /** Every key a GridPulse process reads. */
    public static List<ConfigKey<?>> keys() {
        List<ConfigKey<?>> keys = new ArrayList<>(CommonKeys.all());
        Jobs.ALL.forEach(job -> keys.addAll(job.keys()));
        return keys;
    }

    /** picocli's bash completion script for the whole tree. */
    @Command(
            name = "completion",
            description = "Prints a bash completion script for every command and option.",
            footer = {"", "Example:", "  source <(./gridpulse completion)"})
    static final class Completion extends AutoComplete.GenerateCompletion {}

    @Command(
            name = "setup",
            description = "Creates the topics and applies the ClickHouse migrations (each once).",
            footer = {"", "Example:", "  ./gridpulse setup"})
    static final class Setup implements Callable<Integer> {
        @Mixin private Cli.Help help;
        @Spec private CommandSpec spec;

        @Override
        public Integer call() throws InterruptedException {
            return setup(config(spec));
        }
    }

    @Command(
            name = "reset",
            description =
                    "Deletes GridPulse's topics, database and checkpoints, then creates them empty."
                            + " Asks first; without a terminal it needs --yes.",
            footer = {"", "Example:", "  ./gridpulse reset --yes"})
    static final class Reset implements Callable<Integer> {
        @Mixin private Cli.Help help;
        @Spec private CommandSpec spec;

        @Option(names = "--yes", description = "do not ask")
        private boolean yes;

        @Override
        public Integer call() throws Exception {
            return reset(config(spec), yes);
        }
    }

    @Command(
            name = "run",
            description = {
                "Runs the jobs (none named: all), each as a Flink job of its own, on an embedded"
                        + " mini-cluster, or with --cluster on the local Flink cluster.",
                "Exit 3 when the run finished but records are unaccounted for."
            },
            footer = {
                "",
                "Example:",
                "  ./gridpulse run --until-idle",
                "  ./gridpulse run reconnect --from-checkpoint latest",
                "  ./gridpulse run --cluster consumption"
            })
    static final class Run implements Callable<Integer> {
        @Mixin private Cli.Help help;
        @Spec private CommandSpec spec;

        @Parameters(paramLabel = "JOB", arity = "0..*", description = "job names")
        private List<String> names = new ArrayList<>();

        @Option(names = "--until-idle", description = "end when the input topics are drained")
        private boolean untilIdle;

        @Option(
                names = "--from-checkpoint",
                paramLabel = "latest|DIR",
                description = "resume a stopped run with its state from a retained checkpoint")
        private String fromCheckpoint;

        @Option(
                names = "--cluster",
                description = "submit the job jar to the local Flink cluster over REST")
        private boolean cluster;

        @Option(
                names = "--jar",
                paramLabel = "JOB_JAR",
                description = "with --cluster: the job jar (the launcher passes it)")
        private Path jar;

        @Option(
                names = "--submit-dir",
                paramLabel = "DIR",
                description =
                        "with --cluster: where the submitted configuration is written (the"
                                + " launcher passes it)")
        private Path submitDir;

        @Override
        public Integer call() throws Exception {
            if (cluster) {
                if (fromCheckpoint != null) {
                    throw new ConfigException(
                            "--from-checkpoint is for the embedded run; a cluster restores from"
                                    + " its own checkpoints");
                }
                return ClusterCommand.submit(
                        FlinkRest.local(),
                        configFile(spec),
                        jar,
                        submitDir,
                        names,
                        untilIdle,
                        System.getenv());
            }
            return runJobs(config(spec), names, untilIdle, fromCheckpoint);
        }
    }

    @Command(
            name = "sql",
            description =
                    "Runs one query against the GridPulse database; only its result goes to stdout.",
            footer = {
                "",
                "Example:",
                "  ./gridpulse sql \"SELECT grid_id, sum(kwh) FROM interval_consumption FINAL GROUP BY"
                        + " grid_id\""
            })
    static final class Sql implements Callable<Integer> {
        @Mixin private Cli.Help help;
        @Spec private CommandSpec spec;

        @Parameters(paramLabel = "QUERY", arity = "1..*", description = "the query")
        private List<String> query;

        @Override
        public Integer call() {
            return sql(config(spec), String.join(" ", query));
        }
    }

    @Command(
            name = "summary",
            description =
                    "Records per topic, rows per table, anomalies by rule; with --truth, the energy"
                            + " measured per meter compared with the simulator's ground truth.",
            footer = {"", "Example:", "  ./gridpulse summary --truth .local/demo-truth"})
    static final class SummaryCommand implements Callable<Integer> {
        @Mixin private Cli.Help help;
        @Spec private CommandSpec spec;

        @Option(
                names = "--truth",
                paramLabel = "DIR",
                description = "the simulator's ground-truth folder")
        private Path truthDir;

        @Override
        public Integer call() throws Exception {
            return Summary.print(config(spec), System.out, truthDir);
        }
    }

    private static int setup(GridPulseConfig config) throws InterruptedException {
        StartupCheck.run(config);
        KafkaSettings kafka = KafkaSettings.from(config);
        List<String> created =
                TopicSetup.createMissing(
                        kafka,
                        config.get(CommonKeys.KAFKA_TOPIC_PARTITIONS),
                        config.get(CommonKeys.KAFKA_TOPIC_REPLICATION).shortValue(),
                        config.get(CommonKeys.KAFKA_OUTPUT_RETENTION));
        System.out.println(
                "topics created: "
                        + (created.isEmpty() ? "none (all exist)" : String.join(", ", created)));
        List<String> applied = Migrations.apply(ClickHouseSettings.from(config));
        System.out.println(
                "migrations applied: "
                        + (applied.isEmpty()
                                ? "none (schema up to date)"
                                : String.join(", ", applied)));
        return 0;
    }

    /** Deletes GridPulse's topics, database and checkpoints, then sets them up empty. */
    private static int reset(GridPulseConfig config, boolean yes) throws Exception {
        BufferedReader answers =
                System.console() == null
                        ? null
                        : new BufferedReader(
                                new InputStreamReader(System.in, StandardCharsets.UTF_8));
        int refused = ResetCommand.run(config, yes, answers, System.err);
        return refused != 0 ? refused : setup(config);
    }

    /** Starts each job as a Flink job of its own and waits until all of them have finished. */
    private static int runJobs(
            GridPulseConfig config, List<String> names, boolean untilIdle, String fromCheckpoint)
            throws Exception {
        if (untilIdle && fromCheckpoint != null) {
            throw new ConfigException(
                    "--until-idle cannot resume from a checkpoint: a bounded Kafka source restored"
                            + " from a checkpoint never finishes (FLINK-31006); run without --until-idle");
        }
        List<GridPulseJob> jobs = Jobs.named(names);
        if (fromCheckpoint != null && !"latest".equals(fromCheckpoint) && jobs.size() > 1) {
            throw new ConfigException(
                    "--from-checkpoint DIR resumes one job: name it (run JOB --from-checkpoint DIR),"
                            + " or use 'latest' to resume each job from its own checkpoints");
        }
        return JobRunner.run(config, jobs, untilIdle, fromCheckpoint, System.out, System.err);
    }

    private static int sql(GridPulseConfig config, String query) {
        if (query.isBlank()) {
            throw new ConfigException("sql needs a query: ./gridpulse sql \"SELECT ...\"");
        }
        String sql =
                HAS_FORMAT.matcher(query).matches()
                        ? query
                        : query.strip().replaceAll(";$", "") + "\nFORMAT PrettyCompactMonoBlock";
        try (var ch = ClickHouseQueries.connect(ClickHouseSettings.from(config), "gridpulse-sql")) {
            String result = ch.text(sql);
            System.out.print(result.endsWith("\n") || result.isEmpty() ? result : result + "\n");
            return 0;
        } catch (ClickHouseQueries.ClickHouseQueryException e) {
            System.err.println("gridpulse: " + e.getMessage());
            return 1;
        }
    }
}
