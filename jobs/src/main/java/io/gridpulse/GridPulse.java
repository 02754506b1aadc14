package io.gridpulse;

import io.gridpulse.common.clickhouse.ClickHouseQueries;
import io.gridpulse.common.clickhouse.ClickHouseSettings;
import io.gridpulse.common.clickhouse.Migrations;
import io.gridpulse.common.config.CommonKeys;
import io.gridpulse.common.config.ConfigException;
import io.gridpulse.common.config.ConfigKey;
import io.gridpulse.common.config.GridPulseConfig;
import io.gridpulse.common.job.ExecutionSetup;
import io.gridpulse.common.job.GridPulseJob;
import io.gridpulse.common.job.JobContext;
import io.gridpulse.common.job.RetainedCheckpoints;
import io.gridpulse.common.kafka.KafkaSettings;
import io.gridpulse.common.kafka.TopicSetup;
import io.gridpulse.tools.eval.HighBillEval;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Entry point of the job jar and of {@code ./gridpulse}: {@code setup}, {@code run}, {@code sql}
 * and {@code summary}. Submitted to a Flink cluster, {@code run} runs there; started with plain
 * {@code java}, it runs on an embedded mini-cluster.
 */
public final class GridPulse {

    private static final Pattern HAS_FORMAT =
            Pattern.compile("(?is).*\\bFORMAT\\s+\\w+\\s*;?\\s*$");

    private GridPulse() {}

    public static void main(String[] args) throws Exception {
        int code;
        try {
            code = run(args);
        } catch (ConfigException e) {
            System.err.println("gridpulse: " + e.getMessage());
            code = 2;
        }
        // success returns normally: in Flink's application mode an exit would stop the JobManager
        if (code != 0) {
            System.exit(code);
        }
    }

    static int run(String[] args) throws Exception {
        List<String> rest = new ArrayList<>(List.of(args));
        Path configFile = null;
        boolean untilIdle = false;
        Path truthDir = null;
        String fromCheckpoint = null;
        for (int i = 0; i < rest.size(); ) {
            switch (rest.get(i)) {
                case "--config" -> {
                    if (i + 1 >= rest.size()) {
                        throw new ConfigException("--config needs a file");
                    }
                    configFile = Path.of(rest.remove(i + 1));
                    rest.remove(i);
                }
                case "--truth" -> {
                    if (i + 1 >= rest.size()) {
                        throw new ConfigException(
                                "--truth needs the simulator's ground-truth folder");
                    }
                    truthDir = Path.of(rest.remove(i + 1));
                    rest.remove(i);
                }
                case "--from-checkpoint" -> {
                    if (i + 1 >= rest.size()) {
                        throw new ConfigException(
                                "--from-checkpoint needs a checkpoint folder, or 'latest'");
                    }
                    fromCheckpoint = rest.remove(i + 1);
                    rest.remove(i);
                }
                case "--until-idle" -> {
                    untilIdle = true;
                    rest.remove(i);
                }
                default -> i++;
            }
        }
        if (rest.isEmpty()) {
            System.err.println(
                    "usage: GridPulse [--config FILE] setup | reset | run [JOB...] [--until-idle | --from-checkpoint DIR|latest] | sql QUERY | summary [--truth DIR]");
            return 2;
        }
        GridPulseConfig config = GridPulseConfig.load(configFile, keys());
        String command = rest.remove(0);
        return switch (command) {
            case "setup" -> setup(config);
            case "reset" -> reset(config);
            case "run" -> runJobs(config, rest, untilIdle, fromCheckpoint);
            case "sql" -> sql(config, String.join(" ", rest));
            case "summary" -> Summary.print(config, System.out, truthDir);
            case "eval" -> eval(config, rest, truthDir);
            default -> {
                System.err.println("gridpulse: unknown command '" + command + "'");
                yield 2;
            }
        };
    }

    /** {@code eval highbill --truth DIR [--json FILE]}: scores a run against the ground truth. */
    private static int eval(GridPulseConfig config, List<String> rest, Path truthDir)
            throws Exception {
        Path json = null;
        int at = rest.indexOf("--json");
        if (at >= 0) {
            if (at + 1 >= rest.size()) {
                throw new ConfigException("--json needs a file");
            }
            json = Path.of(rest.remove(at + 1));
            rest.remove(at);
        }
        if (!rest.equals(List.of("highbill")) || truthDir == null) {
            System.err.println("usage: GridPulse eval highbill --truth DIR [--json FILE]");
            return 2;
        }
        return HighBillEval.run(config, truthDir, json, System.out);
    }

    /** Every key a GridPulse process reads. */
    public static List<ConfigKey<?>> keys() {
        List<ConfigKey<?>> keys = new ArrayList<>(CommonKeys.all());
        Jobs.ALL.forEach(job -> keys.addAll(job.keys()));
        return keys;
    }

    private static int setup(GridPulseConfig config) throws InterruptedException {
        KafkaSettings kafka = KafkaSettings.from(config);
        List<String> created =
                TopicSetup.createMissing(kafka, config.get(CommonKeys.KAFKA_TOPIC_PARTITIONS));
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

    /** Deletes GridPulse's topics and database, then sets both up empty. */
    private static int reset(GridPulseConfig config) throws InterruptedException {
        TopicSetup.deleteAll(KafkaSettings.from(config));
        ClickHouseSettings clickHouse = ClickHouseSettings.from(config);
        try (var admin =
                ClickHouseQueries.connect(clickHouse.withDatabase("default"), "gridpulse-setup")) {
            admin.execute("DROP DATABASE IF EXISTS " + clickHouse.database());
        }
        return setup(config);
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
        System.out.println("configuration:\n" + config.describe().indent(2));
        List<JobClient> clients = new ArrayList<>();
        for (GridPulseJob job : jobs) {
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
            ExecutionSetup.apply(env, config, job.name());
            if (fromCheckpoint != null) {
                Path checkpoint = checkpointToResume(config, job.name(), fromCheckpoint);
                System.out.println(job.name() + ": resuming from " + checkpoint);
                ExecutionSetup.restoreFrom(env, checkpoint);
            }
            job.wiring().wire(new JobContext(env, config, job.name(), untilIdle));
            clients.add(env.executeAsync("gridpulse-" + job.name()));
        }
        try (var progress = Progress.start(config, System.out)) {
            for (int i = 0; i < jobs.size(); i++) {
                var result = clients.get(i).getJobExecutionResult().get();
                System.out.printf(
                        "job %s (%s) finished in %.1f s%n",
                        jobs.get(i).name(), result.getJobID(), result.getNetRuntime() / 1000.0);
            }
        }
        return 0;
    }

    private static Path checkpointToResume(
            GridPulseConfig config, String jobName, String fromCheckpoint) {
        if (!"latest".equals(fromCheckpoint)) {
            return Path.of(fromCheckpoint);
        }
        Path dir = Path.of(URI.create(ExecutionSetup.checkpointDir(config, jobName)));
        return RetainedCheckpoints.latest(dir)
                .orElseThrow(
                        () ->
                                new ConfigException(
                                        "--from-checkpoint latest: no completed checkpoint of job "
                                                + jobName
                                                + " under "
                                                + dir
                                                + " (job.checkpoint.dir)"));
    }

    private static int sql(GridPulseConfig config, String query) {
        if (query.isBlank()) {
            System.err.println("usage: gridpulse sql \"SELECT ...\"");
            return 2;
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
