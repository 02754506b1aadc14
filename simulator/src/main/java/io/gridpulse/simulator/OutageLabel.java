package io.gridpulse.simulator;

import java.time.Instant;
import java.util.List;

/**
 * One labelled silence of the run: an area power outage, a collection failure (the concentrator of
 * a whole area, or one collector serving part of it: power on, registers keep counting) or an
 * isolated meter fault (a meter stops communicating).
 *
 * @param cause POWER_OUTAGE, COLLECTION_FAILURE or METER_FAULT
 * @param scope AREA (the transformer), CONCENTRATOR (the whole area's collection), COLLECTOR (part
 *     of the area) or METER
 * @param from first instant without power / collection
 * @param until first instant with power / collection again
 * @param meterIds the meters affected
 * @param watchedMeters meters of the area read at least hourly (the ones an outage can be seen on)
 * @param metersMissingARead of those, the affected ones that miss at least one scheduled read
 * @param observable true for a power outage the reads can show: at least 3 and 60 % of the watched
 *     meters miss a read
 */
public record OutageLabel(
        String outageId,
        String cause,
        String scope,
        String transformerArea,
        String gridId,
        Instant from,
        Instant until,
        List<String> meterIds,
        int customers,
        int watchedMeters,
        int metersMissingARead,
        boolean observable) {}
