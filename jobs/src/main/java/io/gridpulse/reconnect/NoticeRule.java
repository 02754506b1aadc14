package io.gridpulse.reconnect;

import java.time.Instant;

/**
 * The paper's rule for a remote disconnection for arrears: only after a disconnection notice was
 * delivered, and at least the minimum lead (30 minutes) after its delivery; a notice delivered
 * longer ago than the maximum age (7 days) no longer counts.
 */
final class NoticeRule {

    static final String NO_NOTICE = "NO_NOTICE";
    static final String NOT_DELIVERED = "NOT_DELIVERED";
    static final String TOO_SOON = "TOO_SOON";
    static final String NOTICE_TOO_OLD = "NOTICE_TOO_OLD";

    /**
     * The outcome of one check.
     *
     * @param rule null when the cut-off is lawful, else which part of the rule it broke
     * @param notice the notice the verdict rests on, null when there is none
     * @param evidence why, for a person
     */
    record Verdict(String rule, NoticeEntry notice, String evidence) {
        boolean violated() {
            return rule != null;
        }
    }

    private NoticeRule() {}

    static Verdict check(long atMs, Iterable<NoticeEntry> notices, long minLeadMs, long maxAgeMs) {
        NoticeEntry tooSoon = null;
        NoticeEntry undelivered = null;
        NoticeEntry tooOld = null;
        for (NoticeEntry n : notices) {
            if (n.sentAtMs > atMs) {
                continue;
            }
            if (n.delivered() && n.deliveredAtMs <= atMs) {
                long lead = atMs - n.deliveredAtMs;
                if (lead >= minLeadMs && lead <= maxAgeMs) {
                    return new Verdict(
                            null, n, "notice " + n.noticeId + " delivered " + minutes(lead));
                }
                if (lead < minLeadMs) {
                    tooSoon = latest(tooSoon, n);
                } else {
                    tooOld = latest(tooOld, n);
                }
            } else {
                undelivered =
                        n.sentAtMs > (undelivered == null ? -1 : undelivered.sentAtMs)
                                ? n
                                : undelivered;
            }
        }
        if (tooSoon != null) {
            return new Verdict(
                    TOO_SOON,
                    tooSoon,
                    "notice "
                            + tooSoon.noticeId
                            + " delivered at "
                            + Instant.ofEpochMilli(tooSoon.deliveredAtMs)
                            + ", only "
                            + minutes(atMs - tooSoon.deliveredAtMs)
                            + "; at least "
                            + minLeadMs / 60_000
                            + " min needed");
        }
        if (undelivered != null) {
            return new Verdict(
                    NOT_DELIVERED,
                    undelivered,
                    "notice "
                            + undelivered.noticeId
                            + " sent at "
                            + Instant.ofEpochMilli(undelivered.sentAtMs)
                            + " by "
                            + undelivered.channel
                            + " was not delivered before the cut-off");
        }
        if (tooOld != null) {
            return new Verdict(
                    NOTICE_TOO_OLD,
                    tooOld,
                    "the last notice, "
                            + tooOld.noticeId
                            + ", was delivered "
                            + minutes(atMs - tooOld.deliveredAtMs)
                            + "; it counts for "
                            + maxAgeMs / 3_600_000
                            + " h");
        }
        return new Verdict(NO_NOTICE, null, "no disconnection notice before the cut-off");
    }

    private static NoticeEntry latest(NoticeEntry a, NoticeEntry b) {
        return a == null || b.deliveredAtMs > a.deliveredAtMs ? b : a;
    }

    private static String minutes(long ms) {
        return (ms / 60_000) + " min before";
    }
}
