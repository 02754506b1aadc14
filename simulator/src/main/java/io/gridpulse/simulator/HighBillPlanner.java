package io.gridpulse.simulator;

import io.gridpulse.schema.PaymentChannel;
import io.gridpulse.schema.Segment;
import io.gridpulse.streams.Topics;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * What high-bill alerts need from the city: a bill history (last year's bills, paid, for the
 * periods the run touches), customers whose use genuinely rises during a billing period (a new
 * appliance, a cold snap) and others with ordinary variation or a vacation, a few who opted out of
 * alerts, a few new customers without last year's bills (compared with their segment's typical
 * bill), and the truth of every billing period wholly inside the run.
 *
 * <p>Every choice is drawn from the customer's own generator of the HIGH_BILL stream, so the other
 * streams of the run draw exactly what they drew before; only the energy of the customers with a
 * change differs.
 */
final class HighBillPlanner {

    static final double APPLIANCE_SHARE = 0.08;
    static final double COLD_SNAP_SHARE = 0.05;
    static final double MILD_SHARE = 0.10;
    static final double VACATION_SHARE = 0.04;
    static final double OPT_OUT_SHARE = 0.03;

    /** Customers who moved in within the last year: no bill from last year to compare with. */
    static final double NEW_CUSTOMER_SHARE = 0.06;

    /** The segments' typical monthly bills, CNY: the job's default base without history. */
    private static final Map<Segment, BigDecimal> SEGMENT_TYPICAL =
            Map.of(
                    Segment.RESIDENT, new BigDecimal("130"),
                    Segment.RENTER, new BigDecimal("75"),
                    Segment.SHOP, new BigDecimal("900"),
                    Segment.INDUSTRY, new BigDecimal("14000"));

    /** The alert rule the truth is labelled with: the job's defaults. */
    private static final BigDecimal HIGH_SHARE = new BigDecimal("1.30");

    private static final BigDecimal HIGH_FLOOR_CENTS = new BigDecimal("2000");
    private static final double BURST_SHARE = 0.03;
    private static final int DUE_DAYS = 15;
    private static final long HISTORY_TICK = -2;

    private final RunWindow window;
    private final TickBuffer out;
    private final long seed;
    private final Household[] households;
    private final int customers;
    private final boolean[] optedOut;
    private final double[] yearFactor;
    private final boolean[] newCustomer;
    private final LocalDate[] periodStart;
    private final long[] periodStartMilli;
    private final List<HighBillLabel> labels = new ArrayList<>();

    HighBillPlanner(
            RunWindow window, TickBuffer out, long seed, Household[] households, int customers) {
        this.window = window;
        this.out = out;
        this.seed = seed;
        this.households = households;
        this.customers = customers;
        this.optedOut = new boolean[customers];
        this.yearFactor = new double[customers];
        this.newCustomer = new boolean[customers];
        this.periodStart = new LocalDate[customers];
        this.periodStartMilli = new long[customers];
        for (int i = 0; i < customers; i++) {
            SplittableRandom random = random(i);
            optedOut[i] = random.nextDouble() < OPT_OUT_SHARE;
            if (optedOut[i]) {
                households[i].account().optOutOfHighBillAlerts();
            }
            // last year's use against this year's expectation: ordinary year-to-year variation
            yearFactor[i] = 0.88 + 0.24 * random.nextDouble();
            newCustomer[i] = random.nextDouble() < NEW_CUSTOMER_SHARE;
        }
    }

    /**
     * Gives some free customers (no fault, no service case, no solar) a change in use in their
     * first billing period wholly inside the run.
     */
    void plan(BitSet taken) {
        for (int i = 0; i < customers; i++) {
            Household household = households[i];
            LocalDate start = firstCompletePeriod(household);
            if (taken.get(i) || household.generationKw() > 0 || start == null) {
                continue;
            }
            SplittableRandom random = Seeds.random(seed, Seeds.USAGE_CHANGE, i);
            double pick = random.nextDouble();
            long periodBegins = RunWindow.localTime(start, LocalTime.MIDNIGHT);
            long hourOffset = random.nextLong(24) * RunWindow.HOUR;
            if (pick < APPLIANCE_SHARE) {
                long from = periodBegins + (2 + random.nextInt(11)) * RunWindow.DAY + hourOffset;
                household.inject(
                        new UsageRise(
                                UsageRise.Cause.APPLIANCE,
                                from,
                                window.end(),
                                1.6 + 0.9 * random.nextDouble()));
            } else if (pick < APPLIANCE_SHARE + COLD_SNAP_SHARE) {
                long from = periodBegins + (3 + random.nextInt(8)) * RunWindow.DAY + hourOffset;
                long until = from + (8 + random.nextInt(7)) * RunWindow.DAY;
                household.inject(
                        new UsageRise(
                                UsageRise.Cause.COLD_SNAP,
                                from,
                                until,
                                1.8 + 0.8 * random.nextDouble()));
            } else if (pick < APPLIANCE_SHARE + COLD_SNAP_SHARE + MILD_SHARE) {
                long from = periodBegins + random.nextInt(21) * RunWindow.DAY + hourOffset;
                long until = from + (3 + random.nextInt(8)) * RunWindow.DAY;
                household.inject(
                        new UsageRise(
                                UsageRise.Cause.MILD_VARIATION,
                                from,
                                until,
                                1.10 + 0.15 * random.nextDouble()));
            } else if (pick < APPLIANCE_SHARE + COLD_SNAP_SHARE + MILD_SHARE + VACATION_SHARE) {
                // part of the household away for a few days (the fridge and standby stay on):
                // above the validation's SUSTAINED_DROP ratio, which is for meters that fail
                long from = periodBegins + (1 + random.nextInt(20)) * RunWindow.DAY + hourOffset;
                long until = from + (4 + random.nextInt(7)) * RunWindow.DAY;
                household.inject(
                        new UsageRise(
                                UsageRise.Cause.VACATION,
                                from,
                                until,
                                0.45 + 0.20 * random.nextDouble()));
            }
        }
    }

    /**
     * Emits last year's bills for every period the run touches (and the one before), each paid a
     * few days after it was issued, stamped with their own (past) times.
     */
    void publishHistory() {
        out.startTick(HISTORY_TICK);
        YearMonth first = YearMonth.from(RunWindow.localDate(window.start())).minusMonths(1);
        YearMonth last = YearMonth.from(RunWindow.localDate(window.end() - 1));
        for (int i = 0; i < customers; i++) {
            if (newCustomer[i]) {
                continue;
            }
            Household household = households[i];
            SplittableRandom random = Seeds.random(seed, Seeds.BILL_HISTORY, i);
            int sequence = 0;
            for (YearMonth month = first; !month.isAfter(last); month = month.plusMonths(1)) {
                LocalDate start = month.minusYears(1).atDay(household.account().billingDay());
                LocalDate end = start.plusMonths(1);
                long[] tou = lastYearsUse(household, start, end);
                long milli = tou[0] + tou[1] + tou[2];
                long cents =
                        HistoryTariff.amountCents(
                                tou, HistoryTariff.residential(household.profile()));
                long issuedAt =
                        RunWindow.localTime(end, LocalTime.of(2, 0))
                                + random.nextLong(4 * RunWindow.HOUR);
                String customer = household.customerId();
                sequence++;
                out.emit(
                        Topics.BILLS,
                        customer,
                        Records.bill(
                                Ids.document('H', i, sequence),
                                customer,
                                YearMonth.from(start).toString(),
                                milli,
                                cents,
                                issuedAt,
                                end.plusDays(DUE_DAYS)),
                        issuedAt);
                long paidAt = issuedAt + RunWindow.DAY + random.nextLong(9 * RunWindow.DAY);
                PaymentChannel channel = Cashier.usualChannel(household.rural(), random);
                out.emit(
                        Topics.PAYMENTS,
                        customer,
                        Records.payment(
                                Ids.document('Y', i, sequence), customer, cents, channel, paidAt),
                        paidAt);
            }
        }
        out.endTick();
    }

    /** At each local midnight: closes a customer's billing period that began inside the run. */
    void startDay(Household household, long now) {
        if (!RunWindow.isLocalMidnight(now) || household.account() == null) {
            return;
        }
        LocalDate day = RunWindow.localDate(now);
        if (day.getDayOfMonth() != household.account().billingDay()) {
            return;
        }
        int i = household.index();
        if (periodStart[i] != null && periodStart[i].plusMonths(1).equals(day)) {
            labels.add(
                    label(
                            household,
                            periodStart[i],
                            day,
                            household.consumedMilli() - periodStartMilli[i]));
        }
        periodStart[i] = day;
        periodStartMilli[i] = household.consumedMilli();
    }

    List<HighBillLabel> labels() {
        return List.copyOf(labels);
    }

    private HighBillLabel label(Household household, LocalDate start, LocalDate end, long milli) {
        int i = household.index();
        boolean residential = HistoryTariff.residential(household.profile());
        long[] lastYear = lastYearsUse(household, start.minusYears(1), end.minusYears(1));
        // a new customer is compared with the segment's typical bill, like the job does
        long lastYearMilli = newCustomer[i] ? 0 : lastYear[0] + lastYear[1] + lastYear[2];
        long baseCents =
                newCustomer[i]
                        ? SEGMENT_TYPICAL
                                .get(household.profile().segment())
                                .movePointRight(2)
                                .longValueExact()
                        : HistoryTariff.amountCents(lastYear, residential);
        long cents = HistoryTariff.amountCents(split(household, milli), residential);
        boolean high =
                BigDecimal.valueOf(cents)
                                        .compareTo(
                                                BigDecimal.valueOf(baseCents).multiply(HIGH_SHARE))
                                > 0
                        && BigDecimal.valueOf(cents - baseCents).compareTo(HIGH_FLOOR_CENTS) >= 0;
        UsageRise rise = household.fault() instanceof UsageRise r ? r : null;
        return new HighBillLabel(
                household.customerId(),
                YearMonth.from(start).toString(),
                start,
                end,
                rise != null
                        ? rise.cause().name()
                        // a heater left running for days (USAGE_OUT_OF_BAND): a real cause
                        : household.fault() instanceof ExtraDemand ? "EXTRA_LOAD" : "NONE",
                rise == null ? null : RunWindow.instant(rise.from()),
                rise == null ? null : RunWindow.instant(Math.min(rise.until(), window.end())),
                rise == null ? 1.0 : rise.factor(),
                Records.kwh(lastYearMilli),
                Records.kwh(milli),
                Records.money(baseCents),
                Records.money(cents),
                high,
                optedOut[i],
                newCustomer[i] ? "SEGMENT" : "LAST_YEAR");
    }

    /**
     * The household's expected use over [start, end) last year: its profile's shape over the days
     * (weekday, season), its typical bursts, scaled by its year-to-year factor; split by
     * time-of-use period, or all flat on a meter without time-of-use registers.
     */
    private long[] lastYearsUse(Household household, LocalDate start, LocalDate end) {
        double[] tou = new double[3];
        for (LocalDate d = start; d.isBefore(end); d = d.plusDays(1)) {
            for (int hour = 0; hour < 24; hour++) {
                double shape =
                        household
                                .profile()
                                .shape(hour, d.getDayOfWeek().getValue() - 1, d.getDayOfYear());
                tou[TouPeriod.atLocalHour(hour).ordinal()] +=
                        4 * household.meanSlotMilli() * (shape + BURST_SHARE);
            }
        }
        double factor = yearFactor[household.index()];
        long[] milli = new long[3];
        for (int i = 0; i < 3; i++) {
            milli[i] = Math.round(tou[i] * factor);
        }
        return household.meter().timeOfUse()
                ? milli
                : new long[] {0, milli[0] + milli[1] + milli[2], 0};
    }

    /** This period's true energy split like the household's typical day. */
    private long[] split(Household household, long milli) {
        if (!household.meter().timeOfUse()) {
            return new long[] {0, milli, 0};
        }
        double[] tou = new double[3];
        double sum = 0;
        for (int hour = 0; hour < 24; hour++) {
            double shape = household.profile().shape(hour, 0, 100);
            tou[TouPeriod.atLocalHour(hour).ordinal()] += shape;
            sum += shape;
        }
        long peak = Math.round(milli * tou[0] / sum);
        long valley = Math.round(milli * tou[2] / sum);
        return new long[] {peak, milli - peak - valley, valley};
    }

    /** The first billing period of the customer that starts and ends inside the run, or null. */
    private LocalDate firstCompletePeriod(Household household) {
        if (household.account() == null) {
            return null;
        }
        LocalDate day = RunWindow.localDate(window.start());
        if (RunWindow.localTime(day, LocalTime.MIDNIGHT) < window.start()) {
            day = day.plusDays(1);
        }
        int billingDay = household.account().billingDay();
        LocalDate start =
                day.getDayOfMonth() <= billingDay
                        ? day.withDayOfMonth(billingDay)
                        : day.plusMonths(1).withDayOfMonth(billingDay);
        LocalDate end = start.plusMonths(1);
        return RunWindow.localTime(end, LocalTime.MIDNIGHT) <= window.end() ? start : null;
    }

    private SplittableRandom random(int index) {
        return Seeds.random(seed, Seeds.HIGH_BILL, index);
    }
}
