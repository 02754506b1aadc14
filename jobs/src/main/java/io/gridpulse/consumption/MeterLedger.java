package io.gridpulse.consumption;

import io.gridpulse.consumption.rules.Interval;
import io.gridpulse.consumption.rules.Rule;
import io.gridpulse.consumption.rules.RuleContext;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The deterministic state machine of one meter's reads: what the consumption job does with a read,
 * a customer record or an expiry, given the meter's {@link MeterState}. Nothing here looks at the
 * watermark or at other meters, so the rows are the same whatever the replay speed, partition skew
 * or restore point.
 *
 * <ul>
 *   <li>A read newer than the newest accepted read is accepted at once and its interval written,
 *       unless its register is below the newest: then it is held as a possible misread until a
 *       higher read shows it was one (NEGATIVE_DELTA) or {@code misreadConfirmations} consistent
 *       lower reads show the newest was an upward misread (its interval is withdrawn and the
 *       baseline repaired) or a meter change without a final read (METER_SWAP).
 *   <li>A read older than the newest by at most the lateness bound is merged in order: the interval
 *       it falls into is split and both rows are written (versioned). Older reads are late: stored
 *       and counted, never applied.
 *   <li>A gap of any length is one interval spanning it; the rules flag it (MISSING_READS).
 *   <li>Intervals are handed to the rules once sealed (older than the newest read by more than the
 *       lateness bound), in read order, exactly once.
 * </ul>
 */
final class MeterLedger implements RuleContext {

    /** Where the ledger's results go. */
    interface Output {
        void interval(IntervalConsumption row);

        void anomaly(ConsumptionAnomaly row);

        void late(RegisterRead read, long newestMs);

        /** The owner came after rows written without one left the window. */
        void ownerFound(OwnerCorrection correction);
    }

    private static final int RULES = AnomalyRule.values().length;

    /** Days of first reads kept per meter, to check manual reads that arrive days late. */
    private static final int DAYS_KEPT = 8;

    /** Switches kept per meter: enough for a disconnection and its reconnection, twice. */
    private static final int SWITCHES_KEPT = 4;

    private final ValidationSettings settings;
    private final List<Rule> rules;
    private final Map<Rule, Integer> memoryOffsets = new IdentityHashMap<>();
    private final int memorySize;
    private final long boundMs;
    private final long horizonMs;

    private String meterId;
    private MeterState s;
    private Output out;

    MeterLedger(ValidationSettings settings, List<Rule> rules) {
        this.settings = settings;
        this.rules = List.copyOf(rules);
        int offset = 0;
        for (Rule rule : this.rules) {
            memoryOffsets.put(rule, offset);
            offset += rule.memorySlots();
        }
        this.memorySize = offset;
        this.boundMs = settings.latenessBound().toMillis();
        this.horizonMs = settings.horizon().toMillis();
    }

    /** Points the ledger at one meter's state; the state object is changed in place. */
    MeterLedger bind(String meterId, MeterState state, Output output) {
        this.meterId = meterId;
        this.s = state;
        this.out = output;
        return this;
    }

    // ------------------------------------------------------------------------------ reads

    void onRead(RegisterRead r) {
        if (!s.hasReads()) {
            if (r.meterReplaced) {
                single(
                        AnomalyRule.METER_SWAP,
                        r.readTimeMs,
                        r.readTimeMs,
                        "INFO",
                        r.totalWh,
                        0,
                        "new meter starts at "
                                + kwh(r.totalWh)
                                + " kWh; no read of the old meter was received");
            }
            start(r);
            return;
        }
        long newest = s.newestMs();
        if (r.meterReplaced) {
            swap(r);
        } else if (r.readTimeMs > newest) {
            forward(r);
        } else if (r.readTimeMs == newest) {
            duplicate(r, s.newestWh());
        } else if (newest - r.readTimeMs > boundMs) {
            if (r.manual()) {
                checkLateManualRead(r);
            }
            out.late(r, newest);
        } else {
            merge(r);
        }
    }

    private void start(RegisterRead r) {
        s.insert(0, r.readTimeMs, r.totalWh, MeterState.sourceCode(r.source), (byte) 0);
        keepNewestRegisters(r);
        s.dayFirstMs = new long[0];
        s.dayFirstWh = new long[0];
        s.noteDay(r.readTimeMs, r.totalWh, DAYS_KEPT);
    }

    private void forward(RegisterRead r) {
        for (int i = 0; i < s.pendingCount(); i++) {
            if (s.pendingMs[i] == r.readTimeMs) {
                duplicate(r, s.pendingWh[i]);
                return;
            }
        }
        if (r.readTimeMs - s.newestMs() > horizonMs) {
            // silent past the horizon: a fresh start, whether or not the expiry has fired yet
            end();
            start(r);
            return;
        }
        long newestWh = s.newestWh();
        if (r.totalWh >= newestWh) {
            flagPendingAsMisreads();
            accept(r);
        } else if (s.pendingCount() == 0 && rollover(newestWh, r.totalWh)) {
            accept(r);
        } else if (r.manual()) {
            manualMismatch(
                    r, newestWh, "below the AMI register of " + Instant.ofEpochMilli(s.newestMs()));
        } else {
            s.addPending(r.readTimeMs, r.totalWh, MeterState.sourceCode(r.source));
            resolvePending();
        }
    }

    /** Appends a read after the newest and writes its interval. */
    private void accept(RegisterRead r) {
        byte bits = MeterState.HAS_ROW;
        long delta = delta(s.newestWh(), r.totalWh);
        if (r.hasTou() && s.newestPeakWh != RegisterRead.NONE) {
            long tou =
                    (r.peakWh - s.newestPeakWh)
                            + (r.flatWh - s.newestFlatWh)
                            + (r.valleyWh - s.newestValleyWh);
            // each register is rounded to the Wh on its own: allow one Wh per register
            if (Math.abs(tou - delta) > 3) {
                bits |= MeterState.TOU_MISMATCH;
            }
        }
        if (r.reverseWh != RegisterRead.NONE
                && s.newestReverseWh != RegisterRead.NONE
                && r.reverseWh > s.newestReverseWh) {
            bits |= MeterState.REVERSE_ROSE;
        }
        long previousMs = s.newestMs();
        if (!s.insert(s.count, r.readTimeMs, r.totalWh, MeterState.sourceCode(r.source), bits)) {
            // a gap or a register jump too large to keep relative to the window: start afresh
            end();
            start(r);
            return;
        }
        keepNewestRegisters(r);
        s.noteDay(r.readTimeMs, r.totalWh, DAYS_KEPT);
        int interval = (int) Math.min(Integer.MAX_VALUE, (r.readTimeMs - previousMs) / 1000);
        if (s.shortestIntervalSec == 0 || interval < s.shortestIntervalSec) {
            s.shortestIntervalSec = interval;
        }
        writeRow(s.count - 1, false);
        seal(r.readTimeMs - boundMs);
    }

    private void accept(long ms, long registerWh, byte source) {
        RegisterRead r =
                new RegisterRead(meterId, ms, registerWh, MeterState.sourceName(source), false);
        accept(r);
    }

    private void keepNewestRegisters(RegisterRead r) {
        s.newestPeakWh = r.hasTou() ? r.peakWh : RegisterRead.NONE;
        s.newestFlatWh = r.hasTou() ? r.flatWh : RegisterRead.NONE;
        s.newestValleyWh = r.hasTou() ? r.valleyWh : RegisterRead.NONE;
        s.newestReverseWh = r.reverseWh;
    }

    /** Explains the held lower reads once there are enough of them. */
    private void resolvePending() {
        int needed = settings.misreadConfirmations();
        while (s.pendingCount() >= needed) {
            if (!consistent()) {
                misread(0, "it is below the read before and the reads after it disagree");
                s.removeFirstPending();
                continue;
            }
            long[] ms = s.pendingMs;
            long[] wh = s.pendingWh;
            byte[] src = s.pendingSrc;
            s.clearPending();
            int last = s.count - 1;
            if (last >= 1 && s.hasRow(last) && wh[0] >= s.registerWh(last - 1)) {
                withdrawUpwardMisread(ms, wh);
                for (int i = 0; i < ms.length; i++) {
                    accept(ms[i], wh[i], src[i]);
                }
            } else {
                single(
                        AnomalyRule.METER_SWAP,
                        ms[0],
                        ms[0],
                        "WARNING",
                        wh[0],
                        s.newestWh(),
                        "the register fell from "
                                + kwh(s.newestWh())
                                + " kWh ("
                                + Instant.ofEpochMilli(s.newestMs())
                                + ") to "
                                + kwh(wh[0])
                                + " kWh and the next "
                                + (ms.length - 1)
                                + " reads stayed that low: a meter change without a final read;"
                                + " the energy in between is unknown");
                seal(Long.MAX_VALUE);
                s.clearWindow();
                s.insert(0, ms[0], wh[0], src[0], MeterState.METER_START);
                for (int i = 1; i < ms.length; i++) {
                    accept(ms[i], wh[i], src[i]);
                }
            }
            return;
        }
    }

    private boolean consistent() {
        for (int i = 1; i < s.pendingCount(); i++) {
            if (s.pendingWh[i] < s.pendingWh[i - 1]) {
                return false;
            }
        }
        return true;
    }

    /** The newest read was an upward misread: its interval is withdrawn, the one before is back. */
    private void withdrawUpwardMisread(long[] ms, long[] wh) {
        int last = s.count - 1;
        long misreadMs = s.timeMs(last);
        long misreadWh = s.registerWh(last);
        out.interval(row(last, true));
        single(
                AnomalyRule.NEGATIVE_DELTA,
                misreadMs,
                misreadMs,
                "WARNING",
                misreadWh,
                s.registerWh(last - 1),
                "register read as "
                        + kwh(misreadWh)
                        + " kWh, but the next "
                        + ms.length
                        + " reads ("
                        + kwh(wh[0])
                        + " to "
                        + kwh(wh[wh.length - 1])
                        + " kWh) were below it and above the read before ("
                        + kwh(s.registerWh(last - 1))
                        + " kWh): an upward misread; its interval was withdrawn");
        s.removeNewest();
    }

    private void flagPendingAsMisreads() {
        while (s.pendingCount() > 0) {
            misread(0, "the reads after it are higher again: a misread");
            s.removeFirstPending();
        }
    }

    private void misread(int pending, String why) {
        long ms = s.pendingMs[pending];
        long wh = s.pendingWh[pending];
        single(
                AnomalyRule.NEGATIVE_DELTA,
                ms,
                ms,
                "WARNING",
                wh,
                s.newestWh(),
                "register fell by "
                        + kwh(s.newestWh() - wh)
                        + " kWh since the read of "
                        + Instant.ofEpochMilli(s.newestMs())
                        + "; "
                        + why);
    }

    private void swap(RegisterRead r) {
        long newest = s.newestMs();
        if (r.readTimeMs <= newest) {
            int at = s.indexAtOrAfter(r.readTimeMs);
            if (at < s.count && s.timeMs(at) == r.readTimeMs) {
                duplicate(r, s.registerWh(at));
                return;
            }
            single(
                    AnomalyRule.METER_SWAP,
                    r.readTimeMs,
                    r.readTimeMs,
                    "WARNING",
                    r.totalWh,
                    s.newestWh(),
                    "a METER_REPLACED read arrived after later reads ("
                            + Instant.ofEpochMilli(newest)
                            + ", "
                            + kwh(s.newestWh())
                            + " kWh) were applied: check the reads around the swap by hand");
            return;
        }
        int last = s.count - 1;
        boolean finalRead = s.src[last] == MeterState.MANUAL;
        single(
                AnomalyRule.METER_SWAP,
                r.readTimeMs,
                r.readTimeMs,
                finalRead ? "INFO" : "WARNING",
                r.totalWh,
                s.newestWh(),
                "meter replaced: the old meter's last read was "
                        + kwh(s.newestWh())
                        + " kWh at "
                        + Instant.ofEpochMilli(newest)
                        + " ("
                        + MeterState.sourceName(s.src[last])
                        + (finalRead ? ", the final read" : ", no final read")
                        + "), the new meter starts at "
                        + kwh(r.totalWh)
                        + " kWh");
        long[] ms = s.pendingMs;
        long[] wh = s.pendingWh;
        byte[] src = s.pendingSrc;
        s.clearPending();
        for (int i = 0; i < ms.length; i++) {
            if (ms[i] < r.readTimeMs) {
                single(
                        AnomalyRule.NEGATIVE_DELTA,
                        ms[i],
                        ms[i],
                        "WARNING",
                        wh[i],
                        s.newestWh(),
                        "register below the read before, and the meter was replaced after it");
            }
        }
        seal(Long.MAX_VALUE);
        s.clearWindow();
        s.insert(
                0,
                r.readTimeMs,
                r.totalWh,
                MeterState.sourceCode(r.source),
                MeterState.METER_START);
        keepNewestRegisters(r);
        for (int i = 0; i < ms.length; i++) {
            if (ms[i] > r.readTimeMs) {
                onRead(
                        new RegisterRead(
                                meterId, ms[i], wh[i], MeterState.sourceName(src[i]), false));
            }
        }
    }

    private void duplicate(RegisterRead r, long keptWh) {
        boolean same = r.totalWh == keptWh;
        single(
                AnomalyRule.DUPLICATE_READ,
                r.readTimeMs,
                r.readTimeMs,
                same ? "INFO" : "WARNING",
                r.totalWh,
                keptWh,
                same
                        ? "the read of "
                                + r.readTime()
                                + " was received again ("
                                + kwh(keptWh)
                                + " kWh)"
                        : "a second, different read for "
                                + r.readTime()
                                + ": "
                                + kwh(r.totalWh)
                                + " kWh; the first one, "
                                + kwh(keptWh)
                                + " kWh, counts");
    }

    /** A read older than the newest, within the lateness bound: merged in order. */
    private void merge(RegisterRead r) {
        long t = r.readTimeMs;
        int at = s.indexAtOrAfter(t);
        if (s.timeMs(at) == t) {
            duplicate(r, s.registerWh(at));
            return;
        }
        byte source = MeterState.sourceCode(r.source);
        if (at == 0) {
            if (s.hasRow(0) || (s.bits[0] & MeterState.METER_START) != 0) {
                out.late(r, s.newestMs());
            } else if (r.totalWh > s.registerWh(0)) {
                mergedMisread(r, s.registerWh(0), "above the register of the read after it");
            } else if (s.insert(0, t, r.totalWh, source, (byte) 0)) {
                s.bits[1] |= MeterState.HAS_ROW;
                writeRow(1, false);
            } else {
                out.late(r, s.newestMs());
            }
            return;
        }
        long before = s.registerWh(at - 1);
        long after = s.registerWh(at);
        if (r.totalWh < before) {
            mergedMisread(r, before, "below the register of the read before it");
        } else if (r.totalWh > after) {
            mergedMisread(r, after, "above the register of the read after it");
        } else if (s.insert(at, t, r.totalWh, source, MeterState.HAS_ROW)) {
            writeRow(at, false);
            writeRow(at + 1, false);
        } else {
            out.late(r, s.newestMs());
        }
    }

    private void mergedMisread(RegisterRead r, long neighbourWh, String why) {
        if (r.manual()) {
            manualMismatch(r, neighbourWh, why);
            return;
        }
        single(
                AnomalyRule.NEGATIVE_DELTA,
                r.readTimeMs,
                r.readTimeMs,
                "WARNING",
                r.totalWh,
                neighbourWh,
                "register read as "
                        + kwh(r.totalWh)
                        + " kWh, "
                        + why
                        + " ("
                        + kwh(neighbourWh)
                        + " kWh)");
    }

    /** A manual read days late: it must lie between the AMI registers of the days around it. */
    private void checkLateManualRead(RegisterRead r) {
        long lower = Long.MIN_VALUE;
        long upper = s.newestWh();
        long lowerMs = 0;
        for (int i = 0; i < s.dayFirstMs.length; i++) {
            if (s.dayFirstMs[i] <= r.readTimeMs) {
                lower = s.dayFirstWh[i];
                lowerMs = s.dayFirstMs[i];
            } else {
                upper = s.dayFirstWh[i];
                break;
            }
        }
        if (lower == Long.MIN_VALUE) {
            return;
        }
        long tolerance = Math.round(settings.manualToleranceKwh() * 1000);
        if (r.totalWh < lower - tolerance) {
            manualMismatch(r, lower, "below the AMI register of " + Instant.ofEpochMilli(lowerMs));
        } else if (r.totalWh > upper + tolerance) {
            manualMismatch(r, upper, "above the AMI registers of the days after it");
        }
    }

    private void manualMismatch(RegisterRead r, long amiWh, String why) {
        single(
                AnomalyRule.MANUAL_READ_MISMATCH,
                r.readTimeMs,
                r.readTimeMs,
                "WARNING",
                r.totalWh,
                amiWh,
                "manual read of "
                        + kwh(r.totalWh)
                        + " kWh at "
                        + r.readTime()
                        + " is "
                        + why
                        + " ("
                        + kwh(amiWh)
                        + " kWh): the manual read is not counted");
    }

    private boolean rollover(long fromWh, long toWh) {
        long range = settings.registerRangeWh();
        return fromWh >= range - range / 10 && fromWh < range && toWh < range / 10;
    }

    private long delta(long fromWh, long toWh) {
        long d = toWh - fromWh;
        return d < 0 ? d + settings.registerRangeWh() : d;
    }

    // ------------------------------------------------------------------------------ rows

    private void writeRow(int i, boolean superseded) {
        out.interval(row(i, superseded));
    }

    private IntervalConsumption row(int i, boolean superseded) {
        long start = s.timeMs(i - 1);
        long end = s.timeMs(i);
        long wh = superseded ? 0 : delta(s.registerWh(i - 1), s.registerWh(i));
        return new IntervalConsumption(
                meterId,
                customerId(),
                gridId(),
                segment(),
                Instant.ofEpochMilli(start),
                Instant.ofEpochMilli(end),
                (int) ((end - start) / 60_000),
                kwh(wh),
                MeterState.sourceName(s.src[i]),
                s.nextVersion(),
                superseded ? 1 : 0);
    }

    /** Hands every interval ending at or before {@code limitMs} to the rules, then forgets it. */
    private void seal(long limitMs) {
        int lastSealed = -1;
        for (int i = 0; i < s.count && s.timeMs(i) <= limitMs; i++) {
            long end = s.timeMs(i);
            if (end > s.sealedMs) {
                if (s.hasRow(i)) {
                    Interval interval =
                            new Interval(
                                    s.timeMs(i - 1),
                                    end,
                                    delta(s.registerWh(i - 1), s.registerWh(i)),
                                    MeterState.sourceName(s.src[i]),
                                    (s.bits[i] & MeterState.TOU_MISMATCH) != 0,
                                    (s.bits[i] & MeterState.REVERSE_ROSE) != 0,
                                    (s.bits[i - 1] & MeterState.METER_START) != 0);
                    for (Rule rule : rules) {
                        rule.onInterval(interval, this);
                    }
                }
                s.sealedMs = end;
            }
            lastSealed = i;
        }
        if (lastSealed > 0) {
            // the anchor's row and those before it are never written again from here
            s.orphanRows |= s.customerId == null && hasRowThrough(lastSealed);
            s.dropOldest(lastSealed);
        }
    }

    private boolean hasRowThrough(int last) {
        for (int i = 1; i <= last; i++) {
            if (s.hasRow(i)) {
                return true;
            }
        }
        return false;
    }

    /** The meter's reads end: held reads were misreads, the rules see everything, cases close. */
    private void end() {
        end(true);
    }

    private void end(boolean closeCases) {
        if (!s.hasReads()) {
            return;
        }
        flagPendingAsMisreads();
        seal(Long.MAX_VALUE);
        long last = s.newestMs();
        if (closeCases) {
            for (Rule rule : rules) {
                rule.onEnd(last, this);
            }
        }
        s.clearWindow();
        s.sealedMs = Long.MIN_VALUE;
        s.memory = null;
        s.caseOpenedMs = null;
        s.caseObservedWh = null;
        s.caseBaselineWh = null;
        s.caseSeverity = null;
        s.caseEvidence = null;
        s.switchMs = new long[0];
        s.switchOn = new byte[0];
    }

    /** The horizon passed (or the meter was retired): everything of the meter is done. */
    void expire() {
        end(true);
    }

    /**
     * The input ended (a bounded replay): the rules see every interval, held reads are misreads,
     * but cases still going on stay open, since the data just stops.
     */
    void endOfInput() {
        end(false);
    }

    // ------------------------------------------------------------------------------ owner

    /**
     * Applies a customer record; rows still in the window are written again with the owner, older
     * ones of a meter that had none are corrected in ClickHouse ({@link OwnerCorrection}).
     */
    void onProfile(MeterProfile p) {
        boolean changed =
                !Objects.equals(s.customerId, p.customerId)
                        || !Objects.equals(s.gridId, p.gridId)
                        || !Objects.equals(s.segment, p.segment);
        boolean found = s.customerId == null && p.customerId != null;
        s.customerId = p.customerId;
        s.gridId = p.gridId;
        s.segment = p.segment;
        s.readIntervalMinutes = p.readIntervalMinutes;
        s.generation = p.generation;
        if (found && s.orphanRows) {
            // its version lies between the orphans' and the rewrites' below
            out.ownerFound(
                    new OwnerCorrection(
                            meterId,
                            customerId(),
                            Objects.toString(gridId(), ""),
                            segment(),
                            s.nextVersion()));
            s.orphanRows = false;
        }
        if (changed) {
            for (int i = 1; i < s.count; i++) {
                if (s.hasRow(i)) {
                    writeRow(i, false);
                }
            }
        }
    }

    /** A case made before the meter's owner came, as it is with the owner (bound meter). */
    ConsumptionAnomaly owned(ConsumptionAnomaly c) {
        return c.withOwner(customerId(), gridId(), segment(), c.version());
    }

    private String customerId() {
        return s.customerId == null ? "" : s.customerId;
    }

    private String gridId() {
        return s.customerId == null ? MeterProfile.UNASSIGNED_GRID : s.gridId;
    }

    // ------------------------------------------------------------------------------ RuleContext

    @Override
    public String segment() {
        return s.customerId == null || s.segment == null || "UNKNOWN".equals(s.segment)
                ? MeterProfile.DEFAULT_SEGMENT
                : s.segment;
    }

    @Override
    public boolean generation() {
        return s.generation;
    }

    @Override
    public long switchedOffThrough(long fromMs, long untilMs) {
        return s.offThrough(fromMs, untilMs);
    }

    /** An executed switch: rules judge intervals against it once they are sealed. */
    void onSwitch(MeterUpdate change) {
        s.addSwitch(change.switchMs, change.switchedOn, SWITCHES_KEPT);
    }

    @Override
    public long readIntervalMs() {
        if (s.readIntervalMinutes > 0) {
            return s.readIntervalMinutes * 60_000L;
        }
        return s.shortestIntervalSec > 0 ? s.shortestIntervalSec * 1000L : 15 * 60_000L;
    }

    @Override
    public long memory(Rule rule, int slot) {
        int i = memoryOffsets.get(rule) + slot;
        return s.memory == null || i >= s.memory.length ? 0 : s.memory[i];
    }

    @Override
    public void remember(Rule rule, int slot, long value) {
        if (s.memory == null || s.memory.length < memorySize) {
            if (value == 0) {
                return;
            }
            // a state from before a rule was added holds the older rules' memory only
            s.memory =
                    s.memory == null ? new long[memorySize] : Arrays.copyOf(s.memory, memorySize);
        }
        s.memory[memoryOffsets.get(rule) + slot] = value;
    }

    @Override
    public boolean isOpen(AnomalyRule rule) {
        return openedAt(rule) != 0;
    }

    @Override
    public long openedAt(AnomalyRule rule) {
        return s.caseOpenedMs == null ? 0 : s.caseOpenedMs[rule.ordinal()];
    }

    @Override
    public void open(
            AnomalyRule rule,
            long atMs,
            String severity,
            long observedWh,
            long baselineWh,
            String evidence) {
        if (s.caseOpenedMs == null) {
            s.caseOpenedMs = new long[RULES];
            s.caseObservedWh = new long[RULES];
            s.caseBaselineWh = new long[RULES];
            s.caseSeverity = new String[RULES];
            s.caseEvidence = new String[RULES];
        }
        int o = rule.ordinal();
        if (s.caseOpenedMs[o] == 0) {
            s.caseOpenedMs[o] = atMs;
        }
        s.caseObservedWh[o] = observedWh;
        s.caseBaselineWh[o] = baselineWh;
        s.caseSeverity[o] = severity;
        s.caseEvidence[o] = evidence;
        out.anomaly(
                anomaly(rule, s.caseOpenedMs[o], null, severity, observedWh, baselineWh, evidence));
    }

    @Override
    public void close(
            AnomalyRule rule,
            long atMs,
            String severity,
            long observedWh,
            long baselineWh,
            String evidence) {
        long opened = openedAt(rule);
        if (opened == 0) {
            return;
        }
        out.anomaly(
                anomaly(
                        rule,
                        opened,
                        Instant.ofEpochMilli(Math.max(atMs, opened)),
                        severity,
                        observedWh,
                        baselineWh,
                        evidence));
        int o = rule.ordinal();
        s.caseOpenedMs[o] = 0;
        s.caseSeverity[o] = null;
        s.caseEvidence[o] = null;
        boolean anyOpen = false;
        for (long opening : s.caseOpenedMs) {
            anyOpen |= opening != 0;
        }
        if (!anyOpen) {
            s.caseOpenedMs = null;
            s.caseObservedWh = null;
            s.caseBaselineWh = null;
            s.caseSeverity = null;
            s.caseEvidence = null;
        }
    }

    @Override
    public void close(AnomalyRule rule, long atMs) {
        if (isOpen(rule)) {
            int o = rule.ordinal();
            close(
                    rule,
                    atMs,
                    s.caseSeverity[o],
                    s.caseObservedWh[o],
                    s.caseBaselineWh[o],
                    s.caseEvidence[o]);
        }
    }

    @Override
    public void single(
            AnomalyRule rule,
            long atMs,
            long closedMs,
            String severity,
            long observedWh,
            long baselineWh,
            String evidence) {
        out.anomaly(
                anomaly(
                        rule,
                        atMs,
                        Instant.ofEpochMilli(Math.max(atMs, closedMs)),
                        severity,
                        observedWh,
                        baselineWh,
                        evidence));
    }

    private ConsumptionAnomaly anomaly(
            AnomalyRule rule,
            long openedMs,
            Instant closedAt,
            String severity,
            long observedWh,
            long baselineWh,
            String evidence) {
        // a closed case is never written again from here
        s.orphanRows |= s.customerId == null && closedAt != null;
        return new ConsumptionAnomaly(
                meterId,
                customerId(),
                gridId(),
                segment(),
                rule.name(),
                Instant.ofEpochMilli(openedMs),
                closedAt,
                severity,
                kwh(observedWh),
                kwh(baselineWh),
                evidence,
                s.nextVersion(),
                "");
    }

    static BigDecimal kwh(long wh) {
        return RegisterRead.toKwh(wh);
    }
}
