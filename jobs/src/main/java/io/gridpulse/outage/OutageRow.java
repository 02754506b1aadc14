package io.gridpulse.outage;

import java.time.Instant;

/**
 * One state of an inferred outage; a row of {@code outages}, keyed by outage_id, written again with
 * a higher version (the event time of the tick that changed it) when it closes and when the
 * registers of the resumed meters classify it. Read with {@code FINAL}.
 *
 * @param openedAt the newest read of the silent meters before their silence: power known on then
 * @param detectedAt the tick the outage was inferred at
 * @param closedAt the first read after the silence; null while open
 * @param status OPEN, CLOSED (registers still to be judged) or CLASSIFIED
 * @param cause POWER_OUTAGE, COLLECTION_FAILURE or UNDETERMINED (POWER_OUTAGE is assumed while
 *     open)
 * @param reclassified 1 when the registers changed the cause assumed live
 * @param registerRatio the silent meters' register advance across the gap over what their usual use
 *     predicts (about 0: power was off; about 1: collection failure); -1 while unknown
 */
public record OutageRow(
        String outageId,
        String transformerArea,
        String gridId,
        Instant openedAt,
        Instant detectedAt,
        Instant closedAt,
        String status,
        String cause,
        double confidence,
        int reclassified,
        int metersWatched,
        int metersSilent,
        int metersResumed,
        int metersAffected,
        int customersAffected,
        double registerRatio,
        String evidence,
        long version) {}
