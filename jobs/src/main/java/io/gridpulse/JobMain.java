package io.gridpulse;

import io.gridpulse.common.config.CommonKeys;
import io.gridpulse.common.config.ConfigException;
import io.gridpulse.common.config.ConfigKey;
import io.gridpulse.common.config.GridPulseConfig;
import io.gridpulse.common.job.ExecutionSetup;
import io.gridpulse.common.job.GridPulseJob;
import io.gridpulse.common.job.JobContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The program a Flink cluster runs from the job jar: it only builds and submits the job graphs.
 * Operator tooling (progress, summaries, reports, the cluster client) is not in the job jar, so
 * none of it runs inside a JobManager.
 *
 * <p>Arguments: {@code --config FILE [--until-idle] [run] [JOB...]} (no job: all of them; the
 * optional {@code run} keeps the older {@code flink run job.jar --config FILE run} form working).
 * One job per submission is what a REST submission ({@code /jars/<id>/run}) accepts; the {@code
 * flink run} command line takes several.
 */
public final class JobMain {

    private JobMain() {}

    public static void main(String[] args) throws Exception {
        List<String> rest = new ArrayList<>(List.of(args));
        Path configFile = null;
        boolean untilIdle = false;
        for (int i = 0; i < rest.size(); ) {
            switch (rest.get(i)) {
                case "--config" -> {
                    if (i + 1 >= rest.size()) {
                        throw new ConfigException("--config needs a file");
                    }
                    configFile = Path.of(rest.remove(i + 1));
                    rest.remove(i);
                }
                case "--until-idle" -> {
                    untilIdle = true;
                    rest.remove(i);
                }
                default -> i++;
            }
        }
        if (!rest.isEmpty() && rest.get(0).equals("run")) {
            rest.remove(0);
        }
        GridPulseConfig config = GridPulseConfig.load(configFile, keys());
        List<GridPulseJob> jobs = Jobs.named(rest);
        for (GridPulseJob job : jobs) {
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
            ExecutionSetup.apply(env, config, job.name());
            job.wiring().wire(new JobContext(env, config, job.name(), untilIdle));
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
