package io.gridpulse;

import io.gridpulse.common.config.ConfigException;
import io.gridpulse.common.job.GridPulseJob;
import io.gridpulse.consumption.ConsumptionJob;
import io.gridpulse.directory.DirectoryJob;
import io.gridpulse.highbill.HighBillJob;
import io.gridpulse.reconnect.ReconnectJob;
import io.gridpulse.servicekpi.ServiceKpiJob;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.stream.Collectors;

/** Every domain job GridPulse has, in the order {@code run} starts them. */
public final class Jobs {

    public static final List<GridPulseJob> ALL =
            List.of(
                    ConsumptionJob.JOB,
                    ReconnectJob.JOB,
                    ServiceKpiJob.JOB,
                    HighBillJob.JOB,
                    DirectoryJob.JOB);

    private Jobs() {}

    /** The jobs named, in the order given; all of them when no name is given. */
    public static List<GridPulseJob> named(List<String> names) {
        if (names.isEmpty()) {
            return ALL;
        }
        List<GridPulseJob> picked = new ArrayList<>();
        for (String name : new LinkedHashSet<>(names)) {
            picked.add(
                    ALL.stream()
                            .filter(job -> job.name().equals(name))
                            .findFirst()
                            .orElseThrow(
                                    () ->
                                            new ConfigException(
                                                    "unknown job '"
                                                            + name
                                                            + "'; the jobs are "
                                                            + ALL.stream()
                                                                    .map(GridPulseJob::name)
                                                                    .collect(
                                                                            Collectors.joining(
                                                                                    ", ")))));
        }
        return picked;
    }
}
