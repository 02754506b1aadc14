package io.gridpulse.common.job;

import io.gridpulse.common.config.CommonKeys;
import io.gridpulse.common.config.GridPulseConfig;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.configuration.WebOptions;

/**
 * The network surface of the embedded mini-cluster that {@code ./gridpulse run} starts: every port
 * (REST, blob server, RPC, data exchange) bound to {@code job.bind.address} (loopback by default),
 * and no jar submission.
 *
 * <p>Binding is the real control: {@code web.submit.enable=false} only removes the {@code /jars}
 * handlers, while {@code POST /jobs} still accepts a job graph from anyone who reaches REST. The
 * web UI itself is served only when {@code flink-runtime-web} is on the class path, which the
 * launcher puts there only when {@code job.web.ui=true}.
 */
public final class EmbeddedCluster {

    private EmbeddedCluster() {}

    public static Configuration configuration(GridPulseConfig config) {
        String address = config.get(CommonKeys.JOB_BIND_ADDRESS);
        Configuration flink = new Configuration();
        flink.set(RestOptions.BIND_ADDRESS, address);
        flink.set(RestOptions.ADDRESS, address);
        flink.set(RestOptions.BIND_PORT, String.valueOf(config.get(CommonKeys.JOB_REST_PORT)));
        flink.set(WebOptions.SUBMIT_ENABLE, false);
        flink.set(JobManagerOptions.BIND_HOST, address);
        flink.set(JobManagerOptions.ADDRESS, address);
        flink.set(TaskManagerOptions.BIND_HOST, address);
        flink.set(TaskManagerOptions.HOST, address);
        return flink;
    }
}
