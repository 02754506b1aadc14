package io.gridpulse.reconnect;

import io.gridpulse.schema.ClearedBy;

/**
 * What cleared an arrears case: a payment that brought the balance to the threshold, or an
 * agreement.
 *
 * @param by payment or which agreement
 * @param timeMs event time of the clearing payment or customer record
 * @param evidence the payment id, or the agreement's name
 */
record Clearing(ClearedBy by, long timeMs, String evidence) {

    static Clearing earlier(Clearing a, Clearing b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return b.timeMs < a.timeMs ? b : a;
    }
}
