package io.gridpulse.reconnect;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One disconnection case of a customer as its switch steps tell it, in event time: from the
 * executed cut-off to the executed reconnect (or the next cut-off). Derived afresh from all steps
 * in state, so the order the steps arrived in does not matter.
 */
final class CaseView {

    private static final Comparator<SwitchStep> EVENT_TIME =
            Comparator.<SwitchStep>comparingLong(s -> s.timeMs)
                    .thenComparing(s -> stageOrder(s.stage))
                    .thenComparing(s -> s.eventId);

    final SwitchStep cut;
    final SwitchStep order;
    long reconnectOrderedMs = -1;
    long reconnectedMs = -1;
    String reconnectEventId;
    String reconnectCommandId;
    long failedMs = -1;

    /** When the next cut-off superseded this case without a reconnect in between, else -1. */
    long supersededMs = -1;

    private CaseView(SwitchStep cut, SwitchStep order) {
        this.cut = cut;
        this.order = order;
    }

    static List<CaseView> from(Iterable<SwitchStep> steps) {
        List<SwitchStep> sorted = new ArrayList<>();
        steps.forEach(sorted::add);
        sorted.sort(EVENT_TIME);
        List<CaseView> cases = new ArrayList<>();
        SwitchStep lastOrder = null;
        CaseView current = null;
        for (SwitchStep s : sorted) {
            if (s.action.equals(SwitchStep.DISCONNECT)) {
                if (s.stage.equals(SwitchStep.ORDERED)) {
                    lastOrder = s;
                } else if (s.stage.equals(SwitchStep.EXECUTED)) {
                    if (current != null && current.open()) {
                        current.supersededMs = s.timeMs;
                    }
                    current = new CaseView(s, lastOrder);
                    lastOrder = null;
                    cases.add(current);
                }
            } else if (s.action.equals(SwitchStep.RECONNECT)
                    && current != null
                    && current.reconnectedMs < 0) {
                switch (s.stage) {
                    case SwitchStep.ORDERED -> current.reconnectOrderedMs = s.timeMs;
                    case SwitchStep.FAILED -> current.failedMs = s.timeMs;
                    case SwitchStep.EXECUTED -> {
                        current.reconnectedMs = s.timeMs;
                        current.reconnectEventId = s.eventId;
                        current.reconnectCommandId = s.commandId;
                    }
                    default -> {}
                }
            }
        }
        return cases;
    }

    String caseId() {
        return cut.eventId;
    }

    long disconnectedMs() {
        return cut.timeMs;
    }

    /** True when this cut-off was in force at {@code timeMs}: executed, not yet reconnected. */
    boolean cutOffAt(long timeMs) {
        return cut.timeMs <= timeMs
                && (reconnectedMs < 0 || reconnectedMs > timeMs)
                && (supersededMs < 0 || supersededMs > timeMs);
    }

    boolean forArrears() {
        return SwitchStep.ARREARS.equals(cut.reason);
    }

    boolean open() {
        return reconnectedMs < 0 && supersededMs < 0;
    }

    /** Until when a clearing still calls for a reconnect: power back or the next cut-off. */
    long clearableUntilMs() {
        if (reconnectedMs >= 0) {
            return reconnectedMs;
        }
        return supersededMs >= 0 ? supersededMs : Long.MAX_VALUE;
    }

    /** The id of the reconnect command for this case: the same on every replay and restore. */
    String commandId() {
        return "RC-" + cut.eventId;
    }

    private static int stageOrder(String stage) {
        return switch (stage) {
            case SwitchStep.ORDERED -> 0;
            case SwitchStep.FAILED -> 1;
            case SwitchStep.EXECUTED -> 2;
            default -> 3;
        };
    }
}
