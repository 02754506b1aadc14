package io.gridpulse.simulator;

import io.gridpulse.schema.MeterRead;
import io.gridpulse.schema.QualityFlag;
import io.gridpulse.schema.ReadSource;
import io.gridpulse.streams.Topics;
import java.util.List;

/**
 * The AMI head-end's read delivery: puts reads on {@code meter-reads} and keeps each meter's
 * expected consumption in step with what was actually delivered. A meter's fault, if it has one,
 * decides what each scheduled read turns into.
 */
final class ReadDelivery {

    private static final List<QualityFlag> NO_FLAGS = List.of();
    private static final List<QualityFlag> REPLACED = List.of(QualityFlag.METER_REPLACED);
    private static final List<QualityFlag> RETRIED = List.of(QualityFlag.RETRIED);
    private static final List<QualityFlag> POWER_DOWN = List.of(QualityFlag.POWER_DOWN);

    private final TickBuffer out;
    private final Agenda agenda;
    private final GroundTruthRecorder truth;

    ReadDelivery(TickBuffer out, Agenda agenda, GroundTruthRecorder truth) {
        this.out = out;
        this.agenda = agenda;
        this.truth = truth;
    }

    /** The read a meter's schedule calls for at this time. */
    void scheduled(Household household, long readTime) {
        if (household.silentAt(readTime)) {
            return; // power off, or the concentrator / the meter lost contact: no read at all
        }
        Fault fault = household.fault();
        if (fault == null) {
            genuine(household, readTime, ReadSource.AMI);
        } else {
            fault.read(household, readTime, this);
        }
    }

    /**
     * Delivers the meter's true registers, flagged METER_REPLACED on a new meter's first read. A
     * genuine read is a link of the chain the expected consumption is measured over.
     */
    MeterRead genuine(Household household, long readTime, ReadSource source) {
        Meter meter = household.meter();
        boolean replaced = meter.newlyInstalled();
        meter.firstReadTaken();
        MeterRead read =
                Records.meterRead(
                        meter, readTime, meter.registers(), source, replaced ? REPLACED : NO_FLAGS);
        out.emit(Topics.METER_READS, read.getMeterId(), read, readTime);
        household.expected().onGenuineRead(household.consumedMilli(), replaced);
        return read;
    }

    /**
     * Delivers an estimate in place of a read the head-end failed to collect. It is a link of the
     * chain: its error moves energy between the two intervals around it but cancels in their sum.
     */
    void estimated(Household household, long readTime, Registers estimate) {
        MeterRead read =
                Records.meterRead(
                        household.meter(), readTime, estimate, ReadSource.ESTIMATED, NO_FLAGS);
        out.emit(Topics.METER_READS, read.getMeterId(), read, readTime);
        household.expected().onGenuineRead(household.consumedMilli(), false);
    }

    /**
     * Delivers a meter's power-down event (last gasp) the moment its supply failed: an off-schedule
     * read flagged POWER_DOWN, carrying the registers as of the last completed slot. Not a link of
     * the chain: consumers keep it out of the intervals.
     */
    void powerDown(Household household, long at) {
        MeterRead read =
                Records.meterRead(
                        household.meter(),
                        at,
                        household.meter().registers(),
                        ReadSource.AMI,
                        POWER_DOWN);
        out.emit(Topics.METER_READS, read.getMeterId(), read, at);
    }

    /**
     * Delivers an AMI read with registers the meter got wrong but a right total: a link of the
     * chain, like a genuine read.
     */
    void linked(Household household, long readTime, Registers registers) {
        MeterRead read =
                Records.meterRead(household.meter(), readTime, registers, ReadSource.AMI, NO_FLAGS);
        out.emit(Topics.METER_READS, read.getMeterId(), read, readTime);
        household.expected().onGenuineRead(household.consumedMilli(), false);
    }

    /**
     * A meter reader's read of these registers at {@code readTime} (off the AMI schedule, stamped
     * with the reader's right clock) that reaches the head-end at {@code deliverAt}. Not a link of
     * the chain: it arrives days behind the meter's AMI reads.
     */
    void manual(Household household, long readTime, Registers registers, long deliverAt) {
        MeterRead read =
                Records.meterRead(
                        household.meter(), readTime, registers, ReadSource.MANUAL, NO_FLAGS);
        agenda.at(deliverAt, () -> out.emit(Topics.METER_READS, read.getMeterId(), read, readTime));
    }

    /** Delivers wrong values in place of the real read; not a link of the chain. */
    void misread(Household household, long readTime, Registers wrong) {
        MeterRead read =
                Records.meterRead(household.meter(), readTime, wrong, ReadSource.AMI, NO_FLAGS);
        out.emit(Topics.METER_READS, read.getMeterId(), read, readTime);
    }

    /** Sends a delivered read a second time, unchanged, within the same tick. */
    void repeat(MeterRead read) {
        out.emit(Topics.METER_READS, read.getMeterId(), read, read.getReadTime().toEpochMilli());
    }

    /**
     * Re-sends a delivered read later, flagged RETRIED, still stamped with its read time: it lands
     * behind the watermark of any consumer that allows less lateness than the delay.
     */
    void resend(MeterRead read, long at) {
        MeterRead retried = MeterRead.newBuilder(read).setQualityFlags(RETRIED).build();
        agenda.at(
                at,
                () ->
                        out.emit(
                                Topics.METER_READS,
                                read.getMeterId(),
                                retried,
                                read.getReadTime().toEpochMilli()));
    }

    void label(Household household, AnomalyType type, long from, long until, String detail) {
        truth.anomaly(household, type, from, until, detail);
    }
}
