package io.gridpulse;

import io.gridpulse.common.config.CommonKeys;
import io.gridpulse.common.config.ConfigKey;
import io.gridpulse.common.config.GridPulseConfig;
import io.gridpulse.common.job.ExecutionSetup;
import io.gridpulse.common.job.GridPulseJob;
import io.gridpulse.common.job.JobContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The program a Flink cluster runs from the job jar: it only builds and submits the job graphs.
 * Operator tooling (progress, summaries, reports, the cluster client) is not in the job jar, so
 * none of it runs inside a JobManager.
 *
 * <p>Arguments: {@code --config FILE [--until-idle] [run] [JOB...]} (no job: all of them; the
 * optional {@code run} keeps the older {@code flink run job.jar --config FILE run} form working).
 * One job per submission is what a REST submission ({@code /jars/<id>/run}) accepts; the {@code
 * flink run} command line takes several. Bad arguments throw, so the submission fails with the
 * message; nothing here exits the JVM (in application mode that would stop the JobManager).
 */
@Command(
        name = "JobMain",
        description = "Builds and submits the GridPulse jobs on the Flink cluster it runs in.",
        footer = {
            "",
            "Example:",
            "  flink run gridpulse-jobs-<version>-job.jar --config /etc/gridpulse.properties run"
        })
public final class JobMain {

    @Option(names = "--config", paramLabel = "FILE", description = "the properties file")
    private Path configFile;

    @Option(names = "--until-idle", description = "end when the input topics are drained")
    private boolean untilIdle;

    @Parameters(paramLabel = "JOB", arity = "0..*", description = "[run] job names; none: all")
    private List<String> names = new ArrayList<>();

    private JobMain() {}

    public static void main(String[] args) throws Exception {
        JobMain options = new JobMain();
        new CommandLine(options).parseArgs(args);
        List<String> rest = new ArrayList<>(options.names);
        if (!rest.isEmpty() && rest.get(0).equals("run")) {
            rest.remove(0);
        }
        GridPulseConfig config = GridPulseConfig.load(options.configFile, keys());
        List<GridPulseJob> jobs = Jobs.named(rest);
        for (GridPulseJob job : jobs) {
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
            ExecutionSetup.apply(env, config, job.name());
            job.wiring().wire(new JobContext(env, config, job.name(), options.untilIdle));
            if (jobs.size() == 1) {
                env.execute(jobName(job));
            } else {
                env.executeAsync(jobName(job));
            }
        }
    }

    /** The name a job runs under on a cluster. */
    public static String jobName(GridPulseJob job) {
        return "gridpulse-" + job.name();
    }

    /** The configuration keys the jobs read: the only ones a submitted configuration may hold. */
    public static List<ConfigKey<?>> keys() {
        List<ConfigKey<?>> keys = new ArrayList<>(CommonKeys.all());
        Jobs.ALL.forEach(job -> keys.addAll(job.keys()));
        return keys;
    }
}
