package io.gridpulse.reconnect;

import io.gridpulse.schema.ClearedBy;
import io.gridpulse.schema.ReconnectCommand;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Keyed by customer: the arrears ledger, the switch steps, the disconnection notices and the
 * agreements of one customer, and from them the disconnection cases.
 *
 * <p>Every record is decided on when it arrives (never on a watermark): when a case cut off for
 * arrears is cleared, by a payment bringing the balance to the threshold or by an agreement the
 * policy accepts, the reconnect command goes out at once. The decision is computed from the records
 * in event-time order, so it does not depend on the order the topics were read in; a command is
 * sent once per case and never retracted, and a record arriving later that would have changed the
 * decision marks the case for review. Cases, notice-rule violations and payments leave through side
 * outputs as versioned rows, written only when they change.
 *
 * <p>Event-time timers: the overdue deadline of each command (clearing + target), and one per
 * customer at its last record + retention, which folds the ledger into a balance and drops closed
 * cases; a customer whose balance is zero then leaves no state at all.
 */
public class ReconnectCases extends KeyedProcessFunction<String, CustomerEvent, ReconnectCommand> {

    public static final OutputTag<CaseRow> CASES =
            new OutputTag<>("reconnect-cases", TypeInformation.of(CaseRow.class));
    public static final OutputTag<NoticeViolation> VIOLATIONS =
            new OutputTag<>("notice-rule-violations", TypeInformation.of(NoticeViolation.class));
    public static final OutputTag<PaymentRow> PAYMENTS =
            new OutputTag<>("payments", TypeInformation.of(PaymentRow.class));

    static final String DISCONNECTED = "DISCONNECTED";
    static final String WAITING_FOR_POWER = "WAITING_FOR_POWER";
    static final String RECONNECT_FAILED = "RECONNECT_FAILED";
    static final String RECONNECTED = "RECONNECTED";
    static final String SUPERSEDED = "SUPERSEDED";

    private final ReconnectSettings settings;

    private transient MapState<String, LedgerEntry> entries;
    private transient ValueState<Long> foldedCents;
    private transient MapState<String, SwitchStep> steps;
    private transient MapState<String, NoticeEntry> notices;
    private transient ValueState<Agreements> agreements;
    private transient MapState<String, IssuedCommand> issued;
    private transient MapState<String, String> written;
    private transient ValueState<Long> version;
    private transient ValueState<Long> cleanupAt;

    private transient Counter commands;
    private transient Counter repeatedRecords;
    private transient Counter reviews;

    public ReconnectCases(ReconnectSettings settings) {
        this.settings = settings;
    }

    @Override
    public void open(OpenContext context) {
        var rc = getRuntimeContext();
        entries =
                rc.getMapState(
                        new MapStateDescriptor<>(
                                "ledger", Types.STRING, TypeInformation.of(LedgerEntry.class)));
        foldedCents = rc.getState(new ValueStateDescriptor<>("folded-cents", Types.LONG));
        steps =
                rc.getMapState(
                        new MapStateDescriptor<>(
                                "switch-steps",
                                Types.STRING,
                                TypeInformation.of(SwitchStep.class)));
        notices =
                rc.getMapState(
                        new MapStateDescriptor<>(
                                "notices", Types.STRING, TypeInformation.of(NoticeEntry.class)));
        agreements =
                rc.getState(
                        new ValueStateDescriptor<>(
                                "agreements", TypeInformation.of(Agreements.class)));
        issued =
                rc.getMapState(
                        new MapStateDescriptor<>(
                                "issued", Types.STRING, TypeInformation.of(IssuedCommand.class)));
        written = rc.getMapState(new MapStateDescriptor<>("written", Types.STRING, Types.STRING));
        version = rc.getState(new ValueStateDescriptor<>("version", Types.LONG));
        cleanupAt = rc.getState(new ValueStateDescriptor<>("cleanup-at", Types.LONG));
        commands = rc.getMetricGroup().counter("reconnectCommands");
        repeatedRecords = rc.getMetricGroup().counter("repeatedRecords");
        reviews = rc.getMetricGroup().counter("casesForReview");
    }

    @Override
    public void processElement(CustomerEvent e, Context ctx, Collector<ReconnectCommand> out)
            throws Exception {
        switch (e.kind) {
            case LEDGER -> {
                if (entries.contains(e.entry.id)) {
                    repeatedRecords.inc();
                } else {
                    entries.put(e.entry.id, e.entry);
                }
            }
            case NOTICE -> notices.put(e.notice.noticeId, e.notice);
            case SWITCH -> steps.put(e.step.eventId, e.step);
            case AGREEMENT -> {
                if (!e.prepayment && !e.autoDebit) {
                    return;
                }
                Agreements a = agreements.value();
                a = a == null ? new Agreements() : a;
                a.seen(e);
                agreements.update(a);
            }
        }
        keepUntil(ctx, e.timeMs + settings.retentionMs());
        List<CaseView> cases = steps.isEmpty() ? List.of() : evaluate(ctx, out);
        if (e.kind != CustomerEvent.Kind.NOTICE && e.kind != CustomerEvent.Kind.AGREEMENT) {
            writePayments(ctx.getCurrentKey(), cases, ctx);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<ReconnectCommand> out)
            throws Exception {
        List<CaseView> cases = steps.isEmpty() ? List.of() : evaluate(ctx, out);
        Long cleanup = cleanupAt.value();
        if (cleanup != null && cleanup == timestamp) {
            cleanupAt.clear();
            if (cases.stream().noneMatch(CaseView::open)) {
                forgetAllButTheBalance();
            }
        }
    }

    /** Decides every case of the customer on what is in state now; returns the cases. */
    private List<CaseView> evaluate(Context ctx, Collector<ReconnectCommand> out) throws Exception {
        List<CaseView> cases = CaseView.from(steps.values());
        Ledger ledger = ledger();
        Agreements signed = agreements.value();
        long watermark = ctx.timerService().currentWatermark();
        for (CaseView c : cases) {
            Clearing clearing = c.forArrears() ? clearing(c, ledger, signed) : null;
            IssuedCommand sent = issued.get(c.caseId());
            if (sent == null && clearing != null) {
                sent = new IssuedCommand(clearing, System.currentTimeMillis());
                issued.put(c.caseId(), sent);
                out.collect(command(ctx.getCurrentKey(), c, clearing));
                commands.inc();
                ctx.timerService().registerEventTimeTimer(clearing.timeMs() + settings.targetMs());
            } else if (sent != null && !sent.review && !sent.sameAs(clearing)) {
                sent.review = true;
                sent.reviewReason = reviewReason(sent, clearing);
                issued.put(c.caseId(), sent);
                reviews.inc();
            }
            CaseRow row = caseRow(ctx.getCurrentKey(), c, sent, ledger, watermark, 0);
            if (changed("case:" + c.caseId(), row.toString())) {
                ctx.output(
                        CASES,
                        caseRow(ctx.getCurrentKey(), c, sent, ledger, watermark, nextVersion()));
            }
        }
        checkNoticeRule(ctx);
        return cases;
    }

    private Clearing clearing(CaseView c, Ledger ledger, Agreements signed) {
        long until = c.clearableUntilMs();
        Clearing byPayment =
                ledger.paymentClearing(c.disconnectedMs(), until, settings.thresholdCents());
        Clearing byAgreement =
                signed == null
                        ? null
                        : signed.clearing(settings.agreementPolicy(), c.disconnectedMs(), until);
        return Clearing.earlier(byPayment, byAgreement);
    }

    /** Checks every arrears cut-off, ordered or executed, against the notices in state. */
    private void checkNoticeRule(Context ctx) throws Exception {
        for (SwitchStep s : steps.values()) {
            if (!s.action.equals(SwitchStep.DISCONNECT)
                    || !SwitchStep.ARREARS.equals(s.reason)
                    || !(s.stage.equals(SwitchStep.ORDERED)
                            || s.stage.equals(SwitchStep.EXECUTED))) {
                continue;
            }
            NoticeRule.Verdict verdict =
                    NoticeRule.check(
                            s.timeMs,
                            notices.values(),
                            settings.noticeMinLeadMs(),
                            settings.noticeMaxAgeMs());
            String key = "notice:" + s.eventId;
            if (!verdict.violated() && !written.contains(key)) {
                continue;
            }
            NoticeViolation row = violation(ctx.getCurrentKey(), s, verdict, 0);
            if (changed(key, row.toString())) {
                ctx.output(VIOLATIONS, violation(ctx.getCurrentKey(), s, verdict, nextVersion()));
            }
        }
    }

    private static NoticeViolation violation(
            String customer, SwitchStep s, NoticeRule.Verdict v, long version) {
        NoticeEntry n = v.notice();
        return new NoticeViolation(
                customer,
                s.eventId,
                s.meterId,
                s.stage,
                Instant.ofEpochMilli(s.timeMs),
                v.violated() ? v.rule() : "",
                n == null ? "" : n.noticeId,
                n == null ? null : Instant.ofEpochMilli(n.sentAtMs),
                n == null || !n.delivered() ? null : Instant.ofEpochMilli(n.deliveredAtMs),
                v.evidence(),
                v.violated() ? 0 : 1,
                version);
    }

    private CaseRow caseRow(
            String customer,
            CaseView c,
            IssuedCommand sent,
            Ledger ledger,
            long watermark,
            long version) {
        long deadline = sent == null ? -1 : sent.clearedAtMs + settings.targetMs();
        boolean overdue =
                sent != null
                        && (c.reconnectedMs >= 0
                                ? c.reconnectedMs > deadline
                                : watermark >= deadline);
        String status;
        if (c.reconnectedMs >= 0) {
            status = RECONNECTED;
        } else if (c.supersededMs >= 0) {
            status = SUPERSEDED;
        } else if (c.failedMs >= 0) {
            status = RECONNECT_FAILED;
        } else {
            status = sent != null ? WAITING_FOR_POWER : DISCONNECTED;
        }
        return new CaseRow(
                customer,
                c.caseId(),
                c.cut.meterId,
                c.cut.reason,
                c.forArrears() ? 1 : 0,
                status,
                c.order == null ? null : Instant.ofEpochMilli(c.order.timeMs),
                Instant.ofEpochMilli(c.disconnectedMs()),
                c.disconnectedMs(),
                ledger.balanceCents(),
                sent == null ? "" : sent.clearedBy,
                sent == null ? "" : sent.clearingEvidence,
                sent == null ? null : Instant.ofEpochMilli(sent.clearedAtMs),
                sent == null ? -1 : sent.clearedAtMs,
                sent == null ? "" : c.commandId(),
                sent == null ? null : Instant.ofEpochMilli(sent.sentAtMs),
                sent == null ? -1 : sent.sentAtMs,
                c.reconnectedMs < 0 ? null : Instant.ofEpochMilli(c.reconnectedMs),
                c.reconnectedMs,
                c.failedMs < 0 ? null : Instant.ofEpochMilli(c.failedMs),
                sent == null ? null : Instant.ofEpochMilli(deadline),
                overdue ? 1 : 0,
                sent != null && sent.review ? 1 : 0,
                sent != null && sent.review ? sent.reviewReason : "",
                version);
    }

    private static ReconnectCommand command(String customer, CaseView c, Clearing clearing) {
        Instant at = Instant.ofEpochMilli(clearing.timeMs());
        return ReconnectCommand.newBuilder()
                .setCommandId(c.commandId())
                .setCustomerId(customer)
                .setMeterId(c.cut.meterId)
                .setDisconnectEventId(c.caseId())
                .setClearedBy(clearing.by())
                .setClearedAt(at)
                // the clearing time, not the wall clock: a repeated command is the same command
                .setIssuedAt(at)
                .build();
    }

    private static String reviewReason(IssuedCommand sent, Clearing now) {
        String was =
                "command sent on "
                        + sent.clearedBy
                        + " "
                        + sent.clearingEvidence
                        + " at "
                        + Instant.ofEpochMilli(sent.clearedAtMs);
        return now == null
                ? was + "; the records now show the case not cleared"
                : was
                        + "; the records now show "
                        + (now.by() == ClearedBy.PAYMENT ? "payment " : "")
                        + now.evidence()
                        + " at "
                        + Instant.ofEpochMilli(now.timeMs());
    }

    /**
     * Writes the payment rows whose figures changed: the balance just after each payment and
     * whether the customer was cut off then, both in event time, so a bill or a cut-off that
     * arrives after the payment corrects the row instead of leaving one that depends on arrival
     * order.
     */
    private void writePayments(String customerId, List<CaseView> cases, Context ctx)
            throws Exception {
        Ledger ledger = ledger();
        for (LedgerEntry p : entries.values()) {
            if (p.isCharge()) {
                continue;
            }
            PaymentRow row =
                    new PaymentRow(
                            customerId,
                            p.id,
                            p.kind,
                            Money.yuan(p.cents),
                            p.channel,
                            p.reverses == null ? "" : p.reverses,
                            Instant.ofEpochMilli(p.timeMs),
                            p.timeMs,
                            Money.yuan(ledger.balanceAtCents(p.timeMs)),
                            cases.stream().anyMatch(c -> c.cutOffAt(p.timeMs)) ? 1 : 0);
            if (changed("payment:" + p.id, row.toString())) {
                ctx.output(PAYMENTS, row);
            }
        }
    }

    private Ledger ledger() throws Exception {
        Long folded = foldedCents.value();
        return Ledger.of(folded == null ? 0 : folded, entries.values());
    }

    private boolean changed(String key, String fingerprint) throws Exception {
        if (fingerprint.equals(written.get(key))) {
            return false;
        }
        written.put(key, fingerprint);
        return true;
    }

    private long nextVersion() throws Exception {
        Long v = version.value();
        long next = v == null ? 1 : v + 1;
        version.update(next);
        return next;
    }

    /** Moves the customer's clean-up timer to {@code atMs} when that is later. */
    private void keepUntil(Context ctx, long atMs) throws Exception {
        Long current = cleanupAt.value();
        if (current != null && current >= atMs) {
            return;
        }
        if (current != null) {
            ctx.timerService().deleteEventTimeTimer(current);
        }
        ctx.timerService().registerEventTimeTimer(atMs);
        cleanupAt.update(atMs);
    }

    /**
     * No case is open and nothing arrived for the retention: the ledger folds into one balance
     * (none when it is zero), and the steps, notices and commands of the closed cases go.
     */
    private void forgetAllButTheBalance() throws Exception {
        long balance = ledger().balanceCents();
        entries.clear();
        steps.clear();
        notices.clear();
        agreements.clear();
        issued.clear();
        written.clear();
        version.clear();
        if (balance == 0) {
            foldedCents.clear();
        } else {
            foldedCents.update(balance);
        }
    }
}
