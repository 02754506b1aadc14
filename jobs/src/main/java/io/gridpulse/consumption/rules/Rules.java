package io.gridpulse.consumption.rules;

import io.gridpulse.consumption.ValidationSettings;
import java.math.BigDecimal;
import java.util.List;

/**
 * The consumption job's interval rules, in the order they see each sealed interval. The read rules
 * (NEGATIVE_DELTA, DUPLICATE_READ, METER_SWAP, MANUAL_READ_MISMATCH) are decided by the meter's
 * ledger as reads arrive, since they decide which reads count.
 */
public final class Rules {

    private Rules() {}

    public static List<Rule> all(ValidationSettings settings) {
        return List.of(
                new MissingReads(settings.missingReadsTolerance()),
                new EstimatedRead(settings.estimatedEscalation()),
                new ZeroConsumption(settings.zeroSpan()),
                new Spike(
                        settings.spikeFactor(),
                        settings.spikeLevelFactor(),
                        settings.spikeFloorKw(),
                        settings.spikeMaxDemandKw(),
                        settings.spikeMinDuration()),
                new UsageOutOfBand(settings.bandFactor(), settings.bandExcessKwh()),
                new SustainedDrop(settings.dropRatio(), settings.dropDays()),
                new Flatline(settings.flatlineIntervals()),
                new TouSumMismatch(),
                new ReverseEnergy(),
                new ConsumptionWhileOff(),
                // new rules go last: a meter's memory from an older checkpoint is a prefix
                new SwapProfile(
                        settings.swapProfileSpan(),
                        settings.swapLevelFactor(),
                        settings.swapShapeShift()));
    }

    static String kwh(long wh) {
        return BigDecimal.valueOf(wh, 3).toPlainString();
    }
}
