package io.gridpulse;

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
import io.gridpulse.tools.bench.ReconnectBench;
import io.gridpulse.tools.eval.HighBillEval;
import io.gridpulse.tools.eval.OutageEval;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

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
        } catch (StartupCheck.Unreachable e) {
            System.err.println("gridpulse: " + e.getMessage());
            code = 1;
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
        boolean yes = false;
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
                case "--yes" -> {
                    yes = true;
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
                    "usage: GridPulse [--config FILE] setup | reset [--yes] | run [JOB...] [--until-idle | --from-checkpoint DIR|latest] | sql QUERY | summary [--truth DIR] | bench reconnect [--json FILE]");
            return 2;
        }
        GridPulseConfig config = GridPulseConfig.load(configFile, keys());
        config.warnings().forEach(w -> System.err.println("gridpulse: warning: " + w));
        String command = rest.remove(0);
        return switch (command) {
            case "setup" -> setup(config);
            case "reset" -> reset(config, yes);
            case "run" -> runJobs(config, rest, untilIdle, fromCheckpoint);
            case "sql" -> sql(config, String.join(" ", rest));
            case "summary" -> Summary.print(config, System.out, truthDir);
            case "bench" -> ReconnectBench.run(configFile, rest);
            case "eval" -> eval(config, rest, truthDir);
            default -> {
                System.err.println("gridpulse: unknown command '" + command + "'");
                yield 2;
            }
        };
    }

    /**
     * {@code eval highbill|outages --truth DIR [--json FILE]}: scores a run against the ground
     * truth.
     */
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
        if (rest.equals(List.of("outages")) && truthDir != null) {
            return OutageEval.run(config, truthDir, json, System.out);
        }
        if (!rest.equals(List.of("highbill")) || truthDir == null) {
            System.err.println("usage: GridPulse eval highbill|outages --truth DIR [--json FILE]");
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
