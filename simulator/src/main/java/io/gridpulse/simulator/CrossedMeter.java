package io.gridpulse.simulator;

import java.time.LocalDate;

/**
 * CROSSED_METER (串户): a swap whose new meter the crew wired to the neighbour's supply. From the
 * swap on, the meter under this customer's id measures the neighbour: a household of another kind
 * (its own rhythm over the day) using {@code scale} times this household's usual. The swap itself
 * is the METER_SWAP it always is; the energy the meter registers is what the neighbour draws, so
 * the ground truth stays the meter's.
 */
final class CrossedMeter extends MeterSwap {

    private final LoadProfile own;
    private final LoadProfile neighbour;
    private final double scale;

    CrossedMeter(
            long swapTime,
            long factoryMilli,
            LoadProfile own,
            LoadProfile neighbour,
            double scale) {
        super(swapTime, factoryMilli);
        this.own = own;
        this.neighbour = neighbour;
        this.scale = scale;
    }

    @Override
    long consumption(long slotStart, long demandMilli) {
        if (slotStart < swapTime()) {
            return demandMilli;
        }
        // the household's own draw (its noise, bursts and busy days) reshaped to the neighbour's
        // hour of the day, week and season
        LocalDate date = RunWindow.localDate(slotStart);
        int hour = RunWindow.localHour(slotStart);
        int dayOfWeek = Holidays.dayOfWeek(date);
        int dayOfYear = date.getDayOfYear();
        double ratio =
                neighbour.shape(hour, dayOfWeek, dayOfYear) / own.shape(hour, dayOfWeek, dayOfYear);
        return Math.round(demandMilli * scale * ratio);
    }
}
